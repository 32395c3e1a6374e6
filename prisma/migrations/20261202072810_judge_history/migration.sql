-- DropIndex
DROP INDEX "JudgeVerdict_judgeId_pairId_targetSide_key";

-- AlterTable
ALTER TABLE "Judge" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "JudgeVerdict" ADD COLUMN     "supersededAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "JudgeVerdict_judgeId_pairId_targetSide_idx" ON "JudgeVerdict"("judgeId", "pairId", "targetSide");

-- One current answer per judge, pair and order; a run started again marks the earlier ones
-- superseded (kept in the history, out of every figure) before it asks again.
CREATE UNIQUE INDEX "JudgeVerdict_one_current" ON "JudgeVerdict"("judgeId", "pairId", "targetSide") WHERE "supersededAt" IS NULL;

-- A judge has an endpoint (all of it) or none (its verdicts were imported); a retired judge
-- keeps its endpoint's description for the history but not its key.
ALTER TABLE "Judge" DROP CONSTRAINT "Judge_endpoint_whole";
ALTER TABLE "Judge" ADD CONSTRAINT "Judge_endpoint_whole" CHECK (
  ("baseUrl" IS NULL) = ("model" IS NULL) AND ("baseUrl" IS NULL) = ("prompt" IS NULL)
  AND (("baseUrl" IS NULL) = ("apiKey" IS NULL) OR ("retiredAt" IS NOT NULL AND "apiKey" IS NULL))
);
