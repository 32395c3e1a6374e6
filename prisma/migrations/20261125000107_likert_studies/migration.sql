-- AlterEnum
ALTER TYPE "StudyKind" ADD VALUE 'likert';

-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "score" INTEGER;

-- A judgment is exactly one of: a side and its verdict, a label, or a score from 1 to 6.
ALTER TABLE "Judgment" DROP CONSTRAINT "Judgment_pairwise_or_label";
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_one_answer" CHECK (
  (choice IS NOT NULL AND verdict IS NOT NULL AND label IS NULL AND score IS NULL)
  OR (choice IS NULL AND verdict IS NULL AND label IS NOT NULL AND score IS NULL)
  OR (choice IS NULL AND verdict IS NULL AND label IS NULL AND score BETWEEN 1 AND 6));
