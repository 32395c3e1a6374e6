import "server-only";
import { db } from "@/lib/db";

/**
 * Adds the pairs a study's design calls for, keeping those it has. Target vs baselines (the
 * paper's design): the target's response to each prompt against each baseline's. All pairs: every
 * two systems, the target (or else the earlier-listed system) in the pair's target slot. Shared
 * with the importer, which runs it inside its own transaction; $1 is the study's id.
 */
export const BUILD_PAIRS_SQL = `
  INSERT INTO "Pair" (id, "studyId", "promptId", "targetResponseId", "baselineResponseId")
  SELECT gen_random_uuid()::text, s.id, first."promptId", first.id, second.id
    FROM "Study" s
    JOIN "System" a ON a."studyId" = s.id
    JOIN "System" b ON b."studyId" = s.id AND b.id <> a.id
    JOIN "Response" first ON first."systemId" = a.id
    JOIN "Response" second ON second."systemId" = b.id AND second."promptId" = first."promptId"
   WHERE s.id = $1
     AND (a.id = s."targetSystemId"
          OR (s."pairDesign" = 'all_pairs' AND b.id IS DISTINCT FROM s."targetSystemId"
              AND (a.position, a.id) < (b.position, b.id)))
  ON CONFLICT ("targetResponseId", "baselineResponseId") DO NOTHING`;

/** Returns how many pairs were added. */
export async function buildPairs(studyId: string): Promise<number> {
  return db().$executeRawUnsafe(BUILD_PAIRS_SQL, studyId);
}
