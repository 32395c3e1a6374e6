import "server-only";
import { db } from "@/lib/db";

/**
 * One pair per prompt and baseline: the target system's response against each baseline's response
 * to the same prompt, as in the paper. Existing pairs are kept; returns how many were added.
 */
export async function buildPairs(studyId: string): Promise<number> {
  return db().$executeRaw`
    INSERT INTO "Pair" (id, "studyId", "promptId", "targetResponseId", "baselineResponseId")
    SELECT gen_random_uuid()::text, s.id, target."promptId", target.id, baseline.id
      FROM "Study" s
      JOIN "Response" target ON target."systemId" = s."targetSystemId"
      JOIN "Response" baseline ON baseline."promptId" = target."promptId" AND baseline."systemId" <> target."systemId"
     WHERE s.id = ${studyId}
    ON CONFLICT ("targetResponseId", "baselineResponseId") DO NOTHING`;
}
