import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Takes back the pairs on loan in a study (all raters', or one rater's): their assignments become
 * withdrawn, which frees the pairs' places (the held-count trigger) and refuses any answer still
 * sent on them. Runs in the caller's transaction, beside the change that warrants it.
 */
export async function withdrawLeases(tx: Prisma.TransactionClient, studyId: string, raterId?: string): Promise<number> {
  return tx.$executeRaw`
    UPDATE "Assignment" a SET status = 'withdrawn'
      FROM "Pair" p
     WHERE p.id = a."pairId" AND p."studyId" = ${studyId} AND a.status = 'active'
       AND (${raterId ?? null}::text IS NULL OR a."raterId" = ${raterId ?? null})`;
}
