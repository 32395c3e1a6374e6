-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "openToAllRaters" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "StudyRater" (
    "studyId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudyRater_pkey" PRIMARY KEY ("studyId","raterId")
);

-- CreateIndex
CREATE INDEX "StudyRater_raterId_idx" ON "StudyRater"("raterId");

-- AddForeignKey
ALTER TABLE "StudyRater" ADD CONSTRAINT "StudyRater_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyRater" ADD CONSTRAINT "StudyRater_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Studies made before raters had to be let in stay open to every rater, as they were.
UPDATE "Study" SET "openToAllRaters" = true;
