-- AlterEnum
ALTER TYPE "StudyKind" ADD VALUE 'multiturn';

-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "turnLabels" "Label"[] DEFAULT ARRAY[]::"Label"[];

-- A judgment is exactly one of: a side and its verdict, a label, a score from 1 to 6, or labels
-- of a conversation's turns.
ALTER TABLE "Judgment" DROP CONSTRAINT "Judgment_one_answer";
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_one_answer" CHECK (
  (choice IS NOT NULL AND verdict IS NOT NULL AND label IS NULL AND score IS NULL AND cardinality("turnLabels") = 0)
  OR (choice IS NULL AND verdict IS NULL AND label IS NOT NULL AND score IS NULL AND cardinality("turnLabels") = 0)
  OR (choice IS NULL AND verdict IS NULL AND label IS NULL AND score BETWEEN 1 AND 6 AND cardinality("turnLabels") = 0)
  OR (choice IS NULL AND verdict IS NULL AND label IS NULL AND score IS NULL AND cardinality("turnLabels") > 0));
