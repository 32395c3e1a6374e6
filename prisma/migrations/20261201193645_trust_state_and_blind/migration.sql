-- CreateEnum
CREATE TYPE "SelfNaming" AS ENUM ('show', 'redact');

-- CreateEnum
CREATE TYPE "CrowdEntryOutcome" AS ENUM ('admitted', 'over_cap', 'throttled');

-- AlterEnum
ALTER TYPE "AssignmentStatus" ADD VALUE 'withdrawn';

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "redacted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Response" ADD COLUMN     "selfNames" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "crowdCap" INTEGER,
ADD COLUMN     "noWorkCode" TEXT,
ADD COLUMN     "selfNaming" "SelfNaming" NOT NULL DEFAULT 'show',
ALTER COLUMN "promptOncePerRater" SET DEFAULT true;

-- CreateTable
CREATE TABLE "CrowdEntry" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "outcome" "CrowdEntryOutcome" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrowdEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CrowdEntry_address_createdAt_idx" ON "CrowdEntry"("address", "createdAt");

-- CreateIndex
CREATE INDEX "CrowdEntry_studyId_outcome_idx" ON "CrowdEntry"("studyId", "outcome");

-- AddForeignKey
ALTER TABLE "CrowdEntry" ADD CONSTRAINT "CrowdEntry_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;
