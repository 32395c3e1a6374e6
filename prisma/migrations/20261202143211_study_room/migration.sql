-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "roomyPairs" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "StudyRoom" (
    "studyId" TEXT NOT NULL,
    "roomyPairs" INTEGER NOT NULL DEFAULT 0,
    "roomyPrompts" INTEGER NOT NULL DEFAULT 0,
    "goldPairs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StudyRoom_pkey" PRIMARY KEY ("studyId")
);

-- AddForeignKey
ALTER TABLE "StudyRoom" ADD CONSTRAINT "StudyRoom_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- What a study has left to hand out, kept in the transactions that change its pairs, so that a
-- rater's progress reads a row per study instead of counting every pair on every judgment.

-- Whether a pair holds one of its study's places to hand out (k its study's judgments per pair):
-- ordinary, active, not removed, fewer than k places held; as 1 or 0, to be summed.
CREATE FUNCTION pair_room(p "Pair", k integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT (p."goldVerdict" IS NULL AND p.active AND p."removedAt" IS NULL AND p."heldCount" < k)::int
$$;

-- Whether a pair is a gold pair raters may be given: active and not removed; as 1 or 0.
CREATE FUNCTION pair_gold(p "Pair") RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT (p."goldVerdict" IS NOT NULL AND p.active AND p."removedAt" IS NULL)::int
$$;

-- Adds changes of pairs with room and of gold pairs, given per study and prompt, to the prompts'
-- and the studies' counts. A prompt's update locks its row and returns its count as committed
-- by whoever changed it before, so that two pairs of one prompt losing their room at once never
-- both see the other's as still open: the prompt counts when its first pair gains room and stops
-- when its last one loses it.
CREATE FUNCTION count_room(study_ids text[], prompt_ids text[], roomy integer[], gold integer[]) RETURNS void LANGUAGE sql AS $$
  WITH delta AS (
    SELECT d.study_id, d.prompt_id, sum(d.roomy)::int AS roomy, sum(d.gold)::int AS gold
      FROM unnest(study_ids, prompt_ids, roomy, gold) AS d(study_id, prompt_id, roomy, gold)
     GROUP BY 1, 2
    HAVING sum(d.roomy) <> 0 OR sum(d.gold) <> 0),
  prompts AS (
    UPDATE "Prompt" pr SET "roomyPairs" = pr."roomyPairs" + d.roomy
      FROM delta d
     WHERE pr.id = d.prompt_id AND d.roomy <> 0
    RETURNING d.study_id, (pr."roomyPairs" > 0)::int - (pr."roomyPairs" - d.roomy > 0)::int AS gained)
  UPDATE "StudyRoom" r
     SET "roomyPairs" = r."roomyPairs" + t.roomy, "roomyPrompts" = r."roomyPrompts" + t.gained, "goldPairs" = r."goldPairs" + t.gold
    FROM (SELECT d.study_id, sum(d.roomy)::int AS roomy, sum(d.gold)::int AS gold,
                 coalesce((SELECT sum(g.gained) FROM prompts g WHERE g.study_id = d.study_id), 0)::int AS gained
            FROM delta d GROUP BY d.study_id) t
   WHERE r."studyId" = t.study_id
$$;

-- One pair changed: most changes (a place taken or given back short of k) change no count, and
-- return before any write.
CREATE FUNCTION pair_room_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_k integer := (SELECT "judgmentsPerPair" FROM "Study" WHERE id = OLD."studyId");
  new_k integer := CASE WHEN NEW."studyId" = OLD."studyId" THEN old_k ELSE (SELECT "judgmentsPerPair" FROM "Study" WHERE id = NEW."studyId") END;
BEGIN
  IF pair_room(OLD, old_k) = pair_room(NEW, new_k) AND pair_gold(OLD) = pair_gold(NEW)
     AND OLD."studyId" = NEW."studyId" AND OLD."promptId" = NEW."promptId" THEN
    RETURN NULL;
  END IF;
  PERFORM count_room(ARRAY[OLD."studyId", NEW."studyId"], ARRAY[OLD."promptId", NEW."promptId"],
                     ARRAY[-pair_room(OLD, old_k), pair_room(NEW, new_k)], ARRAY[-pair_gold(OLD), pair_gold(NEW)]);
  RETURN NULL;
END
$$;

-- Pairs added or deleted, counted per statement: an import adds tens of thousands at once. A
-- study's own deletion takes its counts with it: its pairs go after its row, and find none.
CREATE FUNCTION pairs_room_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  PERFORM count_room(array_agg(p."studyId"), array_agg(p."promptId"), array_agg(sign * pair_room(p, s."judgmentsPerPair")), array_agg(sign * pair_gold(p)))
     FROM changed p JOIN "Study" s ON s.id = p."studyId";
  RETURN NULL;
END
$$;

-- A prompt deleted goes before its pairs, whose deletion then finds no prompt to update: the
-- prompts that had room are taken off here, by the counts they had.
CREATE FUNCTION prompts_room_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "StudyRoom" r SET "roomyPrompts" = r."roomyPrompts" - gone.n
    FROM (SELECT "studyId", count(*)::int AS n FROM changed WHERE "roomyPairs" > 0 GROUP BY 1) gone
   WHERE r."studyId" = gone."studyId";
  RETURN NULL;
END
$$;

-- A study's counts from scratch: when it is made, when its k changes (every pair's room may
-- change), and after a load with triggers off.
CREATE FUNCTION recount_study_room(study text) RETURNS void LANGUAGE sql AS $$
  WITH counted AS (
    SELECT pr.id, coalesce(sum(pair_room(p, s."judgmentsPerPair")), 0)::int AS roomy
      FROM "Prompt" pr JOIN "Study" s ON s.id = pr."studyId" LEFT JOIN "Pair" p ON p."promptId" = pr.id
     WHERE pr."studyId" = study
     GROUP BY pr.id),
  prompts AS (
    UPDATE "Prompt" pr SET "roomyPairs" = c.roomy FROM counted c WHERE pr.id = c.id AND pr."roomyPairs" <> c.roomy)
  INSERT INTO "StudyRoom" ("studyId", "roomyPairs", "roomyPrompts", "goldPairs")
  SELECT s.id,
         (SELECT coalesce(sum(c.roomy), 0) FROM counted c),
         (SELECT count(*) FROM counted c WHERE c.roomy > 0),
         (SELECT count(*) FROM "Pair" p WHERE p."studyId" = s.id AND pair_gold(p) = 1)
    FROM "Study" s WHERE s.id = study
  ON CONFLICT ("studyId") DO UPDATE
     SET "roomyPairs" = EXCLUDED."roomyPairs", "roomyPrompts" = EXCLUDED."roomyPrompts", "goldPairs" = EXCLUDED."goldPairs"
$$;

CREATE FUNCTION study_room_recount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_study_room(NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Pair_room_changed"
AFTER UPDATE OF "heldCount", active, "removedAt", "goldVerdict", "studyId", "promptId" ON "Pair"
FOR EACH ROW WHEN (OLD."heldCount" <> NEW."heldCount" OR OLD.active <> NEW.active OR OLD."removedAt" IS DISTINCT FROM NEW."removedAt"
                   OR OLD."goldVerdict" IS DISTINCT FROM NEW."goldVerdict" OR OLD."studyId" <> NEW."studyId" OR OLD."promptId" <> NEW."promptId")
EXECUTE FUNCTION pair_room_changed();

CREATE TRIGGER "Pair_room_added"
AFTER INSERT ON "Pair" REFERENCING NEW TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION pairs_room_counted();

CREATE TRIGGER "Pair_room_deleted"
AFTER DELETE ON "Pair" REFERENCING OLD TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION pairs_room_counted();

CREATE TRIGGER "Prompt_room_deleted"
AFTER DELETE ON "Prompt" REFERENCING OLD TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION prompts_room_deleted();

CREATE TRIGGER "Study_room_made"
AFTER INSERT ON "Study"
FOR EACH ROW EXECUTE FUNCTION study_room_recount();

CREATE TRIGGER "Study_room_recounted"
AFTER UPDATE OF "judgmentsPerPair" ON "Study"
FOR EACH ROW WHEN (OLD."judgmentsPerPair" IS DISTINCT FROM NEW."judgmentsPerPair") EXECUTE FUNCTION study_room_recount();

SELECT recount_study_room(id) FROM "Study";
