-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "skippedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedById" TEXT;

-- AddForeignKey
ALTER TABLE "Pair" ADD CONSTRAINT "Pair_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Skips made before their time was kept: the time the pair was shown, the nearest one known.
UPDATE "Assignment" SET "skippedAt" = "shownAt" WHERE status = 'skipped' AND "skippedAt" IS NULL;

-- The review queue reads a study's skips and its removed items; both are few beside the
-- assignments and pairs, so each has a small index of its own.
CREATE INDEX "Assignment_skipped" ON "Assignment"("pairId") WHERE status = 'skipped';
CREATE INDEX "Pair_removed" ON "Pair"("studyId") WHERE "removedAt" IS NOT NULL;
