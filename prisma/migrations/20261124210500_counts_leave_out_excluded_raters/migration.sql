-- The pairs' verdict counts count only the judgments the results count: those of raters not
-- excluded from the study. Excluding a rater takes their judgments out of their pairs' counts,
-- letting them back in puts them back, and a judgment by an excluded rater is not counted.

-- A change to a rater's exclusion and a judgment by that rater take the same lock (per rater: their
-- own judgments come one at a time anyway, and exclusions are rare), so each sees the other's
-- committed effect and no judgment is counted twice or missed.
CREATE FUNCTION count_judgment(j "Judgment", sign int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('counted judgments of ' || j."raterId"));
  UPDATE "Pair" p
     SET wins = wins + sign * (j.verdict = 'win')::int,
         ties = ties + sign * (j.verdict = 'tie')::int,
         losses = losses + sign * (j.verdict = 'loss')::int,
         "leftVotes" = "leftVotes" + sign * (j.choice = 'left')::int
   WHERE p.id = j."pairId"
     AND NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId");
END
$$;

CREATE OR REPLACE FUNCTION pair_verdict_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."pairId" = NEW."pairId" AND OLD."raterId" = NEW."raterId"
     AND OLD.verdict = NEW.verdict AND OLD.choice = NEW.choice THEN
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
AFTER INSERT OR DELETE OR UPDATE OF verdict, choice, "pairId", "raterId" ON "Judgment"
FOR EACH ROW EXECUTE FUNCTION pair_verdict_counts();

CREATE FUNCTION rater_exclusion_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  study text := CASE WHEN TG_OP = 'DELETE' THEN OLD."studyId" ELSE NEW."studyId" END;
  rater text := CASE WHEN TG_OP = 'DELETE' THEN OLD."raterId" ELSE NEW."raterId" END;
  sign int := CASE WHEN TG_OP = 'DELETE' THEN 1 ELSE -1 END;
BEGIN
  -- Pairs first, then the rater's lock: the order a judgment takes them in (its pair is locked
  -- before the judgment is written), so the two can never wait on each other in a circle.
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
            FROM "Judgment" j JOIN "Pair" jp ON jp.id = j."pairId" AND jp."studyId" = study
           WHERE j."raterId" = rater
           GROUP BY j."pairId") c
   WHERE p.id = c."pairId";
  RETURN NULL;
END
$$;

CREATE TRIGGER "RaterExclusion_counts"
AFTER INSERT OR DELETE ON "RaterExclusion"
FOR EACH ROW EXECUTE FUNCTION rater_exclusion_counts();

UPDATE "Pair" SET wins = 0, ties = 0, losses = 0, "leftVotes" = 0;
UPDATE "Pair" p
   SET wins = counted.wins, ties = counted.ties, losses = counted.losses, "leftVotes" = counted.left_votes
  FROM (SELECT j."pairId",
               count(*) FILTER (WHERE j.verdict = 'win')::int AS wins,
               count(*) FILTER (WHERE j.verdict = 'tie')::int AS ties,
               count(*) FILTER (WHERE j.verdict = 'loss')::int AS losses,
               count(*) FILTER (WHERE j.choice = 'left')::int AS left_votes
          FROM "Judgment" j JOIN "Pair" jp ON jp.id = j."pairId"
         WHERE NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = jp."studyId" AND x."raterId" = j."raterId")
         GROUP BY j."pairId") counted
 WHERE counted."pairId" = p.id;
