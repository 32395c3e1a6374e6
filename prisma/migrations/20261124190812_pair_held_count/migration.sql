-- DropIndex
DROP INDEX "Pair_studyId_idx";

-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "heldCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shuffleKey" INTEGER NOT NULL DEFAULT floor((random() * (2147483647)::double precision));

-- CreateIndex
CREATE INDEX "Pair_studyId_heldCount_shuffleKey_idx" ON "Pair"("studyId", "heldCount", "shuffleKey");

-- Keep "Pair"."heldCount" equal to the pair's assignments that are judged or leased, in the
-- transaction that changes them, so that finding a rater's next pair walks an index instead of
-- counting every pair's assignments.
CREATE FUNCTION pair_held_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_held boolean := TG_OP <> 'INSERT' AND OLD.status IN ('active', 'done');
  is_held boolean := TG_OP <> 'DELETE' AND NEW.status IN ('active', 'done');
BEGIN
  IF TG_OP = 'UPDATE' AND was_held = is_held AND OLD."pairId" = NEW."pairId" THEN
    RETURN NULL;
  END IF;
  IF was_held THEN
    UPDATE "Pair" SET "heldCount" = "heldCount" - 1 WHERE id = OLD."pairId";
  END IF;
  IF is_held THEN
    UPDATE "Pair" SET "heldCount" = "heldCount" + 1 WHERE id = NEW."pairId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Assignment_pair_held_count"
AFTER INSERT OR DELETE OR UPDATE OF status, "pairId" ON "Assignment"
FOR EACH ROW EXECUTE FUNCTION pair_held_count();

UPDATE "Pair" p SET "heldCount" = held.n
  FROM (SELECT "pairId", count(*)::int AS n FROM "Assignment" WHERE status IN ('active', 'done') GROUP BY "pairId") held
 WHERE held."pairId" = p.id;
