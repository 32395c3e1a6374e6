import "server-only";
import type { Sql } from "@/lib/sql";

/**
 * Takes back the pairs on loan in a study (all raters', or one rater's): their assignments become
 * withdrawn, which frees the pairs' places (the held-count trigger) and refuses any answer still
 * sent on them. Runs in the caller's transaction, beside the change that warrants it.
 */
export async function withdrawLeases(tx: Sql, studyId: string, raterId?: string): Promise<number> {
  return tx.execute(
    `UPDATE "Assignment" a SET status = 'withdrawn'
       FROM "Pair" p
      WHERE p.id = a."pairId" AND p."studyId" = $1 AND a.status = 'active'
        AND ($2::text IS NULL OR a."raterId" = $2)`,
    [studyId, raterId ?? null],
  );
}
