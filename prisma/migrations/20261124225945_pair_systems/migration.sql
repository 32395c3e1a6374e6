-- Each pair names the systems of its two responses, so that the results group a million
-- judgments' pairs by system without joining every response.
ALTER TABLE "Pair" ADD COLUMN "baselineSystemId" TEXT,
ADD COLUMN "targetSystemId" TEXT;

UPDATE "Pair" p
   SET "targetSystemId" = t."systemId", "baselineSystemId" = b."systemId"
  FROM "Response" t, "Response" b
 WHERE t.id = p."targetResponseId" AND b.id = p."baselineResponseId";

ALTER TABLE "Pair" ALTER COLUMN "baselineSystemId" SET NOT NULL,
ALTER COLUMN "targetSystemId" SET NOT NULL;

-- AddForeignKey
ALTER TABLE "Pair" ADD CONSTRAINT "Pair_targetSystemId_fkey" FOREIGN KEY ("targetSystemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pair" ADD CONSTRAINT "Pair_baselineSystemId_fkey" FOREIGN KEY ("baselineSystemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;
