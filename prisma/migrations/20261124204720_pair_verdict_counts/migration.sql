-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "leftVotes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "losses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ties" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "wins" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Judgment_raterId_idx" ON "Judgment"("raterId");

-- Keep each pair's verdict counts equal to its judgments, in the transaction that writes them, so
-- that the results page reads one row per pair instead of every judgment.
CREATE FUNCTION pair_verdict_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."pairId" = NEW."pairId" AND OLD.verdict = NEW.verdict AND OLD.choice = NEW.choice THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    UPDATE "Pair"
       SET wins = wins - (OLD.verdict = 'win')::int,
           ties = ties - (OLD.verdict = 'tie')::int,
           losses = losses - (OLD.verdict = 'loss')::int,
           "leftVotes" = "leftVotes" - (OLD.choice = 'left')::int
     WHERE id = OLD."pairId";
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE "Pair"
       SET wins = wins + (NEW.verdict = 'win')::int,
           ties = ties + (NEW.verdict = 'tie')::int,
           losses = losses + (NEW.verdict = 'loss')::int,
           "leftVotes" = "leftVotes" + (NEW.choice = 'left')::int
     WHERE id = NEW."pairId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Judgment_pair_verdict_counts"
AFTER INSERT OR DELETE OR UPDATE OF verdict, choice, "pairId" ON "Judgment"
FOR EACH ROW EXECUTE FUNCTION pair_verdict_counts();

UPDATE "Pair" p
   SET wins = counted.wins, ties = counted.ties, losses = counted.losses, "leftVotes" = counted.left_votes
  FROM (SELECT "pairId",
               count(*) FILTER (WHERE verdict = 'win')::int AS wins,
               count(*) FILTER (WHERE verdict = 'tie')::int AS ties,
               count(*) FILTER (WHERE verdict = 'loss')::int AS losses,
               count(*) FILTER (WHERE choice = 'left')::int AS left_votes
          FROM "Judgment" GROUP BY "pairId") counted
 WHERE counted."pairId" = p.id;
