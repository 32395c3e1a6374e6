-- A rater's agreement is taken with the other raters of the pair, the same way for every rater.
-- A judgment on an ordinary pair is on a shared pair when at least one other counted rater judged
-- it, and agrees when its verdict is the majority verdict of those others: the pair's counted
-- counts less the rater's own vote when the rater is counted, the counted counts as they are when
-- the rater is excluded (their vote is not in them). Before, a counted rater's own vote was part
-- of the majority they were compared with, and an excluded rater's was not.
--
-- The others of an excluded rater are then the same counted raters as before the exclusion, so
-- excluding a rater or letting them back in leaves their own row as it is and changes only the
-- rows of the other raters of the pairs they judged: only those pairs are counted, not the study.

-- The majority verdict of the other counted raters of a pair, for a judgment with this verdict
-- (its own vote taken out of the pair's counted counts w, t, l when `counted`); null when no
-- other counted rater judged the pair. The tie rule is majority_verdict's: the verdict with
-- strictly the most votes, a tie when two or three share the most.
CREATE FUNCTION majority_of_others(verdict "Verdict", counted boolean, w int, t int, l int) RETURNS "Verdict" LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN w + t + l > coalesce(counted AND verdict IS NOT NULL, false)::int
              THEN majority_verdict(w - coalesce(counted AND verdict = 'win', false)::int,
                                    t - coalesce(counted AND verdict = 'tie', false)::int,
                                    l - coalesce(counted AND verdict = 'loss', false)::int) END
$$;

CREATE OR REPLACE FUNCTION count_judgment(j "Judgment", sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  pair "Pair";
  counted boolean;
  gold boolean;
  w1 int;
  t1 int;
  l1 int;
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
  IF sign > 0 THEN
    INSERT INTO "RaterTally" ("studyId", "raterId") VALUES (j."studyId", j."raterId") ON CONFLICT DO NOTHING;
  END IF;

  -- The judgment is compared with the pair's counts while it is there (after it is added, before
  -- it is removed). When its vote moved the counts, every other judgment of the pair has it among
  -- its others: each is taken out as compared before and put back as compared after. Gold pairs
  -- take no part in agreement.
  FOR delta IN
    WITH judged AS (
      SELECT j."raterId", j.verdict, j.choice, j."goldCorrect", sign AS n, counted AS in_counts,
             CASE WHEN sign > 0 THEN w1 ELSE pair.wins END AS w,
             CASE WHEN sign > 0 THEN t1 ELSE pair.ties END AS t,
             CASE WHEN sign > 0 THEN l1 ELSE pair.losses END AS l
      UNION ALL
      SELECT o."raterId", o.verdict, o.choice, o."goldCorrect", c.n,
             NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = o."studyId" AND x."raterId" = o."raterId"),
             c.w, c.t, c.l
        FROM "Judgment" o, (VALUES (-1, pair.wins, pair.ties, pair.losses), (1, w1, t1, l1)) c (n, w, t, l)
       WHERE NOT gold AND (w1, t1, l1) <> (pair.wins, pair.ties, pair.losses) AND o."pairId" = j."pairId" AND o.id <> j.id
    ), compared AS (
      SELECT judged.*, majority_of_others(verdict, in_counts, w, t, l) AS majority FROM judged
    )
    SELECT "raterId",
           coalesce(sum(n) FILTER (WHERE NOT gold), 0) AS judgments,
           coalesce(sum(n) FILTER (WHERE NOT gold AND choice = 'left'), 0) AS left_votes,
           coalesce(sum(n) FILTER (WHERE NOT gold AND choice = 'right'), 0) AS right_votes,
           coalesce(sum(n) FILTER (WHERE NOT gold AND choice = 'neither'), 0) AS neither_votes,
           coalesce(sum(n) FILTER (WHERE gold), 0) AS gold_judged,
           coalesce(sum(n) FILTER (WHERE gold AND "goldCorrect"), 0) AS gold_correct,
           coalesce(sum(n) FILTER (WHERE NOT gold AND majority IS NOT NULL), 0) AS shared,
           coalesce(sum(n) FILTER (WHERE NOT gold AND verdict = majority), 0) AS with_majority
      FROM compared
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
CREATE OR REPLACE FUNCTION recount_rater_tallies(study text) RETURNS void LANGUAGE plpgsql AS $$
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
         count(*) FILTER (WHERE p."goldVerdict" IS NULL AND m.majority IS NOT NULL),
         count(*) FILTER (WHERE p."goldVerdict" IS NULL AND j.verdict = m.majority)
    FROM "Judgment" j
    JOIN "Pair" p ON p.id = j."pairId"
    LEFT JOIN "RaterExclusion" x ON x."studyId" = study AND x."raterId" = j."raterId"
   CROSS JOIN LATERAL (SELECT majority_of_others(j.verdict, x."raterId" IS NULL, p.wins, p.ties, p.losses) AS majority) m
   WHERE j."studyId" = study
   GROUP BY j."raterId";
END
$$;

-- Once per statement, over the exclusions it added or removed (the transition table `changed`),
-- so that when one statement changes several raters each judgment is compared with counts that
-- hold exactly the votes the exclusions before and after it leave in.
CREATE OR REPLACE FUNCTION rater_exclusion_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign int := CASE WHEN TG_OP = 'DELETE' THEN 1 ELSE -1 END;
  lock_name text;
BEGIN
  -- Pairs first, then the raters' locks, then the studies' taken alone: the order a judgment
  -- takes them in (its pair is locked before the judgment is written), so the two can never wait
  -- on each other in a circle. With its study's lock no judgment of the study is being counted,
  -- so the other raters' rows can be changed in any order.
  PERFORM 1 FROM "Pair" p
    JOIN "Judgment" j ON j."pairId" = p.id
    JOIN changed c ON c."studyId" = j."studyId" AND c."raterId" = j."raterId"
   ORDER BY p.id
     FOR UPDATE OF p;
  FOR lock_name IN SELECT DISTINCT 'counted judgments of ' || "raterId" FROM changed ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtext(lock_name));
  END LOOP;
  FOR lock_name IN SELECT DISTINCT 'rater tallies of ' || "studyId" FROM changed ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtext(lock_name));
  END LOOP;

  -- Every judgment of the pairs the changed raters judged, compared with its others in the counts
  -- as they are (before) and as they will be (after). A changed rater's own judgments come out
  -- the same; the others' lose or gain the changed raters' votes.
  UPDATE "RaterTally" r
     SET "onSharedPairs" = r."onSharedPairs" + d.shared, "withMajority" = r."withMajority" + d.with_majority
    FROM (SELECT o."studyId", o."raterId",
                 coalesce(sum(s.n) FILTER (WHERE m.majority IS NOT NULL), 0) AS shared,
                 coalesce(sum(s.n) FILTER (WHERE o.verdict = m.majority), 0) AS with_majority
            FROM (SELECT j."pairId",
                         count(*) FILTER (WHERE j.verdict = 'win')::int AS wins,
                         count(*) FILTER (WHERE j.verdict = 'tie')::int AS ties,
                         count(*) FILTER (WHERE j.verdict = 'loss')::int AS losses
                    FROM "Judgment" j JOIN changed c ON c."studyId" = j."studyId" AND c."raterId" = j."raterId"
                   GROUP BY j."pairId") moved
            JOIN "Pair" p ON p.id = moved."pairId" AND p."goldVerdict" IS NULL
            JOIN "Judgment" o ON o."pairId" = p.id
           CROSS JOIN LATERAL (
             SELECT NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = o."studyId" AND x."raterId" = o."raterId") AS counted_now,
                    EXISTS (SELECT 1 FROM changed c WHERE c."studyId" = o."studyId" AND c."raterId" = o."raterId") AS changed_now
           ) k
           -- Before this statement a changed rater was counted the other way round.
           CROSS JOIN LATERAL (VALUES
             (-1, k.counted_now <> k.changed_now, p.wins, p.ties, p.losses),
             (1, k.counted_now, p.wins + sign * moved.wins, p.ties + sign * moved.ties, p.losses + sign * moved.losses)
           ) s (n, in_counts, w, t, l)
           CROSS JOIN LATERAL (SELECT majority_of_others(o.verdict, s.in_counts, s.w, s.t, s.l) AS majority) m
           GROUP BY o."studyId", o."raterId") d
   WHERE r."studyId" = d."studyId" AND r."raterId" = d."raterId" AND (d.shared <> 0 OR d.with_majority <> 0);

  UPDATE "Pair" p
     SET wins = p.wins + sign * c.wins, ties = p.ties + sign * c.ties,
         losses = p.losses + sign * c.losses, "leftVotes" = p."leftVotes" + sign * c.left_votes
    FROM (SELECT j."pairId",
                 count(*) FILTER (WHERE j.verdict = 'win')::int AS wins,
                 count(*) FILTER (WHERE j.verdict = 'tie')::int AS ties,
                 count(*) FILTER (WHERE j.verdict = 'loss')::int AS losses,
                 count(*) FILTER (WHERE j.choice = 'left')::int AS left_votes
            FROM "Judgment" j JOIN changed x ON x."studyId" = j."studyId" AND x."raterId" = j."raterId"
           GROUP BY j."pairId") c
   WHERE p.id = c."pairId";
  RETURN NULL;
END
$$;

DROP TRIGGER "RaterExclusion_counts" ON "RaterExclusion";
CREATE TRIGGER "RaterExclusion_counts_added"
AFTER INSERT ON "RaterExclusion" REFERENCING NEW TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION rater_exclusion_counts();
CREATE TRIGGER "RaterExclusion_counts_removed"
AFTER DELETE ON "RaterExclusion" REFERENCING OLD TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION rater_exclusion_counts();

SELECT recount_rater_tallies(id) FROM "Study";
