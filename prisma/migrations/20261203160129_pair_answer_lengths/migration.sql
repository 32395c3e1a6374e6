-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "baselineLength" INTEGER,
ADD COLUMN     "targetLength" INTEGER;

-- CreateIndex
CREATE INDEX "Pair_baselineResponseId_idx" ON "Pair"("baselineResponseId");

-- Each pair carries its two answers' lengths, so that the length figures of a study read its pairs
-- and not the text of every answer beside them.
UPDATE "Pair" p
   SET "targetLength" = (SELECT length(r.text) FROM "Response" r WHERE r.id = p."targetResponseId"),
       "baselineLength" = (SELECT length(r.text) FROM "Response" r WHERE r.id = p."baselineResponseId");

-- A new pair's lengths, or those of a pair given other responses, are its responses', whatever
-- the statement says. Only the triggers below and the importer's merge (with triggers off) write
-- the lengths themselves.
CREATE FUNCTION pair_answer_lengths() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."targetLength" := (SELECT length(r.text) FROM "Response" r WHERE r.id = NEW."targetResponseId");
  NEW."baselineLength" := (SELECT length(r.text) FROM "Response" r WHERE r.id = NEW."baselineResponseId");
  RETURN NEW;
END
$$;

CREATE TRIGGER "Pair_answer_lengths" BEFORE INSERT OR UPDATE OF "targetResponseId", "baselineResponseId" ON "Pair"
  FOR EACH ROW EXECUTE FUNCTION pair_answer_lengths();

-- An answer's new text gives its pairs its new length.
CREATE FUNCTION response_length_to_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Pair" SET "targetLength" = length(NEW.text) WHERE "targetResponseId" = NEW.id;
  UPDATE "Pair" SET "baselineLength" = length(NEW.text) WHERE "baselineResponseId" = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Response_length_to_pairs" AFTER UPDATE OF text ON "Response"
  FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text) EXECUTE FUNCTION response_length_to_pairs();
