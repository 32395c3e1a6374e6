// What must hold in the database after any load, crash or restart, counted by SQL.
import { db } from "@/lib/db";

export interface StudyCounts {
  judgments: number;
  /** Pairs of the study, and how many judgments each should end with. */
  pairs: number;
  k: number;
  /** (rater, pair) combinations judged more than once. */
  judgedTwice: number;
  /** Pairs with more judgments than k. */
  overK: number;
  /** Pairs with exactly k judgments. */
  full: number;
  /** Acknowledged assignments with no judgment. */
  lost: number;
}

export async function studyCounts(studyId: string, acknowledged: string[]): Promise<StudyCounts> {
  const [row] = await db().$queryRaw<StudyCounts[]>`
    WITH per_pair AS (
      SELECT p.id, count(j.id)::int AS n
        FROM "Pair" p LEFT JOIN "Judgment" j ON j."pairId" = p.id
       WHERE p."studyId" = ${studyId}
       GROUP BY p.id
    ), study AS (SELECT "judgmentsPerPair" AS k FROM "Study" WHERE id = ${studyId})
    SELECT (SELECT count(*)::int FROM "Judgment" WHERE "studyId" = ${studyId}) AS judgments,
           (SELECT count(*)::int FROM per_pair) AS pairs,
           (SELECT k FROM study) AS k,
           (SELECT count(*)::int FROM (SELECT 1 FROM "Judgment" WHERE "studyId" = ${studyId}
                                        GROUP BY "raterId", "pairId" HAVING count(*) > 1) twice) AS "judgedTwice",
           (SELECT count(*)::int FROM per_pair WHERE n > (SELECT k FROM study)) AS "overK",
           (SELECT count(*)::int FROM per_pair WHERE n = (SELECT k FROM study)) AS full,
           (SELECT count(*)::int FROM unnest(${acknowledged}::text[]) AS a(id)
             WHERE NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."assignmentId" = a.id)) AS lost`;
  return row;
}

/**
 * Every table's rows as one hash each: equal before and after means nothing was written. The
 * throttles' counters are left out: a refused attempt is meant to be counted.
 */
export async function databaseFingerprint(): Promise<Record<string, string>> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'Throttle' ORDER BY 1`;
  const union = tables
    .map(({ name }) => `SELECT '${name.replaceAll("'", "''")}' AS name, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS hash FROM "${name.replaceAll('"', '""')}" t`)
    .join(" UNION ALL ");
  const rows = await db().$queryRawUnsafe<{ name: string; hash: string }[]>(union);
  return Object.fromEntries(rows.map((row) => [row.name, row.hash]));
}
