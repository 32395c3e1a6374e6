-- CreateEnum
CREATE TYPE "StudyKind" AS ENUM ('pairwise', 'absolute');

-- CreateEnum
CREATE TYPE "Label" AS ENUM ('fail', 'pass', 'excellent');

-- An absolute study's judgment labels one answer; a pairwise one has a side and a verdict.
-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "label" "Label",
ALTER COLUMN "choice" DROP NOT NULL,
ALTER COLUMN "verdict" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Pair" ALTER COLUMN "baselineResponseId" DROP NOT NULL,
ALTER COLUMN "baselineSystemId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "kind" "StudyKind" NOT NULL DEFAULT 'pairwise';

ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_pairwise_or_label" CHECK (
  (choice IS NOT NULL AND verdict IS NOT NULL AND label IS NULL) OR (choice IS NULL AND verdict IS NULL AND label IS NOT NULL));

-- An absolute study's item is one answer: a pair with its baseline's response and system both empty,
-- one per answer.
ALTER TABLE "Pair" ADD CONSTRAINT "Pair_baseline_whole" CHECK (("baselineResponseId" IS NULL) = ("baselineSystemId" IS NULL));
CREATE UNIQUE INDEX "Pair_single_answer_key" ON "Pair"("targetResponseId") WHERE "baselineResponseId" IS NULL;

-- A label is no verdict: the pairs' verdict counts leave it out (the rater's row still counts it).
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
  w1 := pair.wins + CASE WHEN counted THEN sign * coalesce(j.verdict = 'win', false)::int ELSE 0 END;
  t1 := pair.ties + CASE WHEN counted THEN sign * coalesce(j.verdict = 'tie', false)::int ELSE 0 END;
  l1 := pair.losses + CASE WHEN counted THEN sign * coalesce(j.verdict = 'loss', false)::int ELSE 0 END;
  IF counted THEN
    UPDATE "Pair"
       SET wins = w1, ties = t1, losses = l1, "leftVotes" = "leftVotes" + sign * coalesce(j.choice = 'left', false)::int
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
