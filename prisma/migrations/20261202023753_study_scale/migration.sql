-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "scaleMax" INTEGER,
ADD COLUMN     "scaleMin" INTEGER;

-- Every Likert study so far used the paper's scale.
UPDATE "Study" SET "scaleMin" = 1, "scaleMax" = 6 WHERE kind = 'likert';

-- A scale has both ends, the lowest below the highest, and at most 21 points to choose from.
ALTER TABLE "Study" ADD CONSTRAINT "Study_scale" CHECK (
  ("scaleMin" IS NULL) = ("scaleMax" IS NULL)
  AND ("scaleMin" IS NULL OR ("scaleMin" >= 0 AND "scaleMin" < "scaleMax" AND "scaleMax" - "scaleMin" <= 20)));

-- A score's range is its study's scale now, checked by the trigger below; the check keeps one answer per judgment.
ALTER TABLE "Judgment" DROP CONSTRAINT "Judgment_one_answer";
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_one_answer" CHECK (
  (choice IS NOT NULL AND verdict IS NOT NULL AND label IS NULL AND score IS NULL AND cardinality("turnLabels") = 0)
  OR (choice IS NULL AND verdict IS NULL AND label IS NOT NULL AND score IS NULL AND cardinality("turnLabels") = 0)
  OR (choice IS NULL AND verdict IS NULL AND label IS NULL AND score IS NOT NULL AND cardinality("turnLabels") = 0)
  OR (choice IS NULL AND verdict IS NULL AND label IS NULL AND score IS NULL AND cardinality("turnLabels") > 0));

-- A score lies on its study's scale, whatever wrote it. Only rows with a score read the study.
CREATE FUNCTION judgment_score_on_scale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Study" s WHERE s.id = NEW."studyId" AND NEW.score BETWEEN s."scaleMin" AND s."scaleMax") THEN
    RAISE EXCEPTION 'Judgment_score_on_scale: the score % is not on its study''s scale', NEW.score USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER judgment_score_on_scale BEFORE INSERT OR UPDATE OF score, "studyId" ON "Judgment"
  FOR EACH ROW WHEN (NEW.score IS NOT NULL) EXECUTE FUNCTION judgment_score_on_scale();
