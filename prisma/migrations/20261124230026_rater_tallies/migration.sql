-- DropForeignKey
ALTER TABLE "Judgment" DROP CONSTRAINT "Judgment_pairId_fkey";

-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN "studyId" TEXT;
UPDATE "Judgment" j SET "studyId" = p."studyId" FROM "Pair" p WHERE p.id = j."pairId";
ALTER TABLE "Judgment" ALTER COLUMN "studyId" SET NOT NULL;

-- CreateTable
CREATE TABLE "RaterTally" (
    "studyId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "judgments" INTEGER NOT NULL DEFAULT 0,
    "left" INTEGER NOT NULL DEFAULT 0,
    "right" INTEGER NOT NULL DEFAULT 0,
    "neither" INTEGER NOT NULL DEFAULT 0,
    "goldJudged" INTEGER NOT NULL DEFAULT 0,
    "goldCorrect" INTEGER NOT NULL DEFAULT 0,
    "onSharedPairs" INTEGER NOT NULL DEFAULT 0,
    "withMajority" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RaterTally_pkey" PRIMARY KEY ("studyId","raterId")
);

-- CreateIndex
CREATE INDEX "Judgment_studyId_raterId_timeOnTaskMs_idx" ON "Judgment"("studyId", "raterId", "timeOnTaskMs");

-- CreateIndex
CREATE UNIQUE INDEX "Pair_id_studyId_key" ON "Pair"("id", "studyId");

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_pairId_studyId_fkey" FOREIGN KEY ("pairId", "studyId") REFERENCES "Pair"("id", "studyId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaterTally" ADD CONSTRAINT "RaterTally_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaterTally" ADD CONSTRAINT "RaterTally_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The raters table of a study with a million judgments reads one row per rater. Each judgment
-- written, changed or deleted updates its own rater's row, and the rows of the other raters of
-- its pair whose agreement with the pair's majority it changes (taken in rater order, so that two
-- judgments never wait on each other in a circle). Excluding a rater, or letting them back in,
-- changes the majority of many pairs at once: it counts the study's rows again from the judgments.

-- The verdict a pair's counted judgments agree on: the one with strictly the most votes, a tie
-- when two share the most (as lib/stats/aggregate.ts's majorityVerdict).
CREATE FUNCTION majority_verdict(w int, t int, l int) RETURNS "Verdict" LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN w > t AND w > l THEN 'win' WHEN l > w AND l > t THEN 'loss' ELSE 'tie' END::"Verdict"
$$;

CREATE OR REPLACE FUNCTION count_judgment(j "Judgment", sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  pair "Pair";
  counted boolean;
  gold boolean;
  w1 int;
  t1 int;
  l1 int;
  others_change boolean;
  delta record;
BEGIN
  -- The rater's lock first, then the study's (shared by all its judgments; an exclusion takes it
  -- alone, after the rater's): see rater_exclusion_counts.
  PERFORM pg_advisory_xact_lock(hashtext('counted judgments of ' || j."raterId"));
  PERFORM pg_advisory_xact_lock_shared(hashtext('rater tallies of ' || j."studyId"));
  SELECT * INTO pair FROM "Pair" WHERE id = j."pairId" FOR UPDATE;
  counted := NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = j."studyId" AND x."raterId" = j."raterId");
  gold := pair."goldVerdict" IS NOT NULL;
  w1 := pair.wins + CASE WHEN counted THEN sign * (j.verdict = 'win')::int ELSE 0 END;
  t1 := pair.ties + CASE WHEN counted THEN sign * (j.verdict = 'tie')::int ELSE 0 END;
  l1 := pair.losses + CASE WHEN counted THEN sign * (j.verdict = 'loss')::int ELSE 0 END;
  IF counted THEN
    UPDATE "Pair"
       SET wins = w1, ties = t1, losses = l1, "leftVotes" = "leftVotes" + sign * (j.choice = 'left')::int
     WHERE id = pair.id;
  END IF;

  -- The pair's other judgments count differently only if it became shared (or stopped being) or
  -- its majority changed; gold pairs take no part in agreement.
  others_change := NOT gold AND (
    (pair.wins + pair.ties + pair.losses >= 2) <> (w1 + t1 + l1 >= 2)
    OR majority_verdict(pair.wins, pair.ties, pair.losses) <> majority_verdict(w1, t1, l1));
  IF sign > 0 THEN
    INSERT INTO "RaterTally" ("studyId", "raterId") VALUES (j."studyId", j."raterId") ON CONFLICT DO NOTHING;
  END IF;
  FOR delta IN
    WITH judged AS (
      SELECT j."raterId", j.verdict, j.choice, j."goldCorrect", sign AS n,
             CASE WHEN sign > 0 THEN w1 ELSE pair.wins END AS w,
             CASE WHEN sign > 0 THEN t1 ELSE pair.ties END AS t,
             CASE WHEN sign > 0 THEN l1 ELSE pair.losses END AS l
      UNION ALL
      SELECT o."raterId", o.verdict, o.choice, o."goldCorrect", c.n, c.w, c.t, c.l
        FROM "Judgment" o, (VALUES (-1, pair.wins, pair.ties, pair.losses), (1, w1, t1, l1)) c (n, w, t, l)
       WHERE others_change AND o."pairId" = j."pairId" AND o.id <> j.id
    )
    SELECT "raterId",
           coalesce(sum(n) FILTER (WHERE NOT gold), 0) AS judgments,
           coalesce(sum(n) FILTER (WHERE NOT gold AND choice = 'left'), 0) AS left_votes,
           coalesce(sum(n) FILTER (WHERE NOT gold AND choice = 'right'), 0) AS right_votes,
           coalesce(sum(n) FILTER (WHERE NOT gold AND choice = 'neither'), 0) AS neither_votes,
           coalesce(sum(n) FILTER (WHERE gold), 0) AS gold_judged,
           coalesce(sum(n) FILTER (WHERE gold AND "goldCorrect"), 0) AS gold_correct,
           coalesce(sum(n) FILTER (WHERE NOT gold AND w + t + l >= 2), 0) AS shared,
           coalesce(sum(n) FILTER (WHERE NOT gold AND w + t + l >= 2 AND verdict = majority_verdict(w, t, l)), 0) AS with_majority
      FROM judged
     GROUP BY "raterId"
     ORDER BY "raterId"
  LOOP
    CONTINUE WHEN delta.judgments = 0 AND delta.gold_judged = 0 AND delta.shared = 0 AND delta.with_majority = 0;
    UPDATE "RaterTally"
       SET judgments = judgments + delta.judgments, "left" = "left" + delta.left_votes, "right" = "right" + delta.right_votes,
           neither = neither + delta.neither_votes, "goldJudged" = "goldJudged" + delta.gold_judged,
           "goldCorrect" = "goldCorrect" + delta.gold_correct, "onSharedPairs" = "onSharedPairs" + delta.shared,
           "withMajority" = "withMajority" + delta.with_majority
     WHERE "studyId" = j."studyId" AND "raterId" = delta."raterId";
  END LOOP;
END
$$;

-- A study's rater rows counted again from its judgments, under the study's lock taken alone.
CREATE FUNCTION recount_rater_tallies(study text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('rater tallies of ' || study));
  DELETE FROM "RaterTally" WHERE "studyId" = study;
  INSERT INTO "RaterTally" ("studyId", "raterId", judgments, "left", "right", neither, "goldJudged", "goldCorrect", "onSharedPairs", "withMajority")
  SELECT study, j."raterId",
         count(*) FILTER (WHERE p."goldVerdict" IS NULL),
         count(*) FILTER (WHERE p."goldVerdict" IS NULL AND j.choice = 'left'),
         count(*) FILTER (WHERE p."goldVerdict" IS NULL AND j.choice = 'right'),
         count(*) FILTER (WHERE p."goldVerdict" IS NULL AND j.choice = 'neither'),
         count(*) FILTER (WHERE p."goldVerdict" IS NOT NULL),
         count(*) FILTER (WHERE p."goldVerdict" IS NOT NULL AND j."goldCorrect"),
         count(*) FILTER (WHERE p."goldVerdict" IS NULL AND p.wins + p.ties + p.losses >= 2),
         count(*) FILTER (WHERE p."goldVerdict" IS NULL AND p.wins + p.ties + p.losses >= 2 AND j.verdict = majority_verdict(p.wins, p.ties, p.losses))
    FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
   WHERE j."studyId" = study
   GROUP BY j."raterId";
END
$$;

CREATE OR REPLACE FUNCTION pair_verdict_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."pairId" = NEW."pairId" AND OLD."raterId" = NEW."raterId"
     AND OLD.verdict = NEW.verdict AND OLD.choice = NEW.choice AND OLD."goldCorrect" IS NOT DISTINCT FROM NEW."goldCorrect" THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM count_judgment(OLD, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM count_judgment(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER "Judgment_pair_verdict_counts" ON "Judgment";
CREATE TRIGGER "Judgment_pair_verdict_counts"
AFTER INSERT OR DELETE OR UPDATE OF verdict, choice, "goldCorrect", "pairId", "raterId" ON "Judgment"
FOR EACH ROW EXECUTE FUNCTION pair_verdict_counts();

CREATE OR REPLACE FUNCTION rater_exclusion_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  study text := CASE WHEN TG_OP = 'DELETE' THEN OLD."studyId" ELSE NEW."studyId" END;
  rater text := CASE WHEN TG_OP = 'DELETE' THEN OLD."raterId" ELSE NEW."raterId" END;
  sign int := CASE WHEN TG_OP = 'DELETE' THEN 1 ELSE -1 END;
BEGIN
  -- Pairs first, then the rater's lock, then the study's: the order a judgment takes them in (its
  -- pair is locked before the judgment is written), so the two can never wait on each other in a
  -- circle.
  PERFORM 1 FROM "Pair" p JOIN "Judgment" j ON j."pairId" = p.id
   WHERE p."studyId" = study AND j."raterId" = rater
   ORDER BY p.id
     FOR UPDATE OF p;
  PERFORM pg_advisory_xact_lock(hashtext('counted judgments of ' || rater));
  UPDATE "Pair" p
     SET wins = p.wins + sign * c.wins, ties = p.ties + sign * c.ties,
         losses = p.losses + sign * c.losses, "leftVotes" = p."leftVotes" + sign * c.left_votes
    FROM (SELECT j."pairId",
                 count(*) FILTER (WHERE j.verdict = 'win')::int AS wins,
                 count(*) FILTER (WHERE j.verdict = 'tie')::int AS ties,
                 count(*) FILTER (WHERE j.verdict = 'loss')::int AS losses,
                 count(*) FILTER (WHERE j.choice = 'left')::int AS left_votes
            FROM "Judgment" j
           WHERE j."studyId" = study AND j."raterId" = rater
           GROUP BY j."pairId") c
   WHERE p.id = c."pairId";
  PERFORM recount_rater_tallies(study);
  RETURN NULL;
END
$$;

SELECT recount_rater_tallies(id) FROM "Study";
