-- CreateEnum
CREATE TYPE "CrowdPlatform" AS ENUM ('prolific', 'mturk');

-- AlterEnum
ALTER TYPE "Choice" ADD VALUE 'both_bad';

-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "attentionAfter" INTEGER,
ADD COLUMN     "attentionMinAccuracy" DOUBLE PRECISION,
ADD COLUMN     "consentText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "crowdQuota" INTEGER,
ADD COLUMN     "offerBothBad" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "screenOutCode" TEXT,
ADD COLUMN     "trainingItems" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "participantPlatform" "CrowdPlatform",
ADD COLUMN     "participantSubmitTo" TEXT;

-- CreateTable
CREATE TABLE "Consent" (
    "studyId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("studyId","raterId")
);

-- CreateTable
CREATE TABLE "TrainingAnswer" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "targetSide" "Side" NOT NULL,
    "choice" "Choice" NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RaterStop" (
    "studyId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" TIMESTAMP(3),
    "liftedById" TEXT,

    CONSTRAINT "RaterStop_pkey" PRIMARY KEY ("studyId","raterId")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingAnswer_studyId_raterId_pairId_key" ON "TrainingAnswer"("studyId", "raterId", "pairId");

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAnswer" ADD CONSTRAINT "TrainingAnswer_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAnswer" ADD CONSTRAINT "TrainingAnswer_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAnswer" ADD CONSTRAINT "TrainingAnswer_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaterStop" ADD CONSTRAINT "RaterStop_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaterStop" ADD CONSTRAINT "RaterStop_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaterStop" ADD CONSTRAINT "RaterStop_liftedById_fkey" FOREIGN KEY ("liftedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every participant until now came through a Prolific-style link.
UPDATE "User" SET "participantPlatform" = 'prolific' WHERE "participantId" IS NOT NULL;
