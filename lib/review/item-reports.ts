// What raters reported about a study's items: each flag (broken, offensive, other with a note)
// and each skip with its reason, as one relation that the review queue and its download count.
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Columns: id (the flag's or the skipped assignment's), "pairId", kind ('flag' or 'skip'),
 * reason, note (a flag's), "raterId", at (when flagged or skipped), and "targetSide", the side
 * the rater saw the target on (a note may speak of "answer B"). Only the items `pairIds` names,
 * when given. Skips are found through their partial index, flags through their pair's.
 */
export function itemReports(studyId: string, pairIds?: readonly string[]): Prisma.Sql {
  const of = (column: Prisma.Sql) => (pairIds ? Prisma.sql`AND ${column} = ANY(${[...pairIds]}::text[])` : Prisma.empty);
  return Prisma.sql`
    SELECT f.id, f."pairId", 'flag' AS kind, f.reason::text AS reason, f.note, f."raterId", f."createdAt" AS at, a."targetSide"::text AS "targetSide"
      FROM "Flag" f JOIN "Pair" p ON p.id = f."pairId" JOIN "Assignment" a ON a.id = f."assignmentId"
     WHERE p."studyId" = ${studyId} ${of(Prisma.sql`f."pairId"`)}
    UNION ALL
    -- A skip made before its time was kept, by a process started before the column was: when shown.
    SELECT a.id, a."pairId", 'skip', a."skipReason", NULL, a."raterId", coalesce(a."skippedAt", a."shownAt"), a."targetSide"::text
      FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
     WHERE a.status = 'skipped' AND p."studyId" = ${studyId} ${of(Prisma.sql`a."pairId"`)}`;
}

/**
 * Every item of the study with a report, or removed, and where it stands: removed; kept (reviewed
 * since its last report); or open. Columns: "pairId", flags, skips, "lastReportAt", state.
 */
export function reviewedItems(studyId: string): Prisma.Sql {
  return Prisma.sql`
    WITH reported AS (
      SELECT r."pairId", count(*) FILTER (WHERE r.kind = 'flag')::int AS flags, count(*) FILTER (WHERE r.kind = 'skip')::int AS skips,
             max(r.at) AS "lastReportAt"
        FROM (${itemReports(studyId)}) r
       GROUP BY r."pairId"
    ), removed AS (
      SELECT id FROM "Pair" WHERE "studyId" = ${studyId} AND "removedAt" IS NOT NULL
    )
    SELECT p.id AS "pairId", coalesce(r.flags, 0) AS flags, coalesce(r.skips, 0) AS skips, r."lastReportAt",
           CASE WHEN p."removedAt" IS NOT NULL THEN 'removed'
                WHEN p."reviewedAt" IS NOT NULL AND (r."lastReportAt" IS NULL OR p."reviewedAt" >= r."lastReportAt") THEN 'kept'
                ELSE 'open' END AS state
      FROM reported r
      FULL JOIN removed x ON x.id = r."pairId"
      JOIN "Pair" p ON p.id = coalesce(r."pairId", x.id)`;
}
