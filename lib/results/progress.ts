import "server-only";
import { readDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { filtersJudgments } from "@/lib/results/pair-verdicts";
import { countedJudgments, countedPairs, EVERY_JUDGMENT, type ResultsFilter } from "@/lib/results/results-filter";

export interface StudyProgress {
  /** Judgments on ordinary pairs so far, and the study's goal: every ordinary pair still in the study judged k times. */
  judged: number;
  goal: number;
  perDay: { day: string; judgments: number }[];
}

const NOT_EXCLUDED = (studyId: string, rater: Prisma.Sql) =>
  Prisma.sql`NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = ${studyId} AND x."raterId" = ${rater})`;

/**
 * Counted judgments per day (UTC). Without a time range or chosen raters, from the daily counts a
 * trigger keeps per rater, less the judgments on pairs the filter leaves out (gold pairs unless
 * they count, and removed ones: few, read through their pairs); otherwise from the judgments
 * themselves.
 */
function perDay(studyId: string, filter: ResultsFilter): Prisma.Sql {
  if (filtersJudgments(filter)) {
    return Prisma.sql`
      SELECT to_char(date_trunc('day', j."createdAt"), 'YYYY-MM-DD') AS day, count(*)::int AS judgments
        FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
       WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)} AND ${countedJudgments(studyId, filter)}
       GROUP BY 1 ORDER BY 1`;
  }
  return Prisma.sql`
    WITH every_day AS (
      SELECT d.day, sum(d.judgments) AS n
        FROM "JudgmentDay" d
       WHERE d."studyId" = ${studyId} AND ${NOT_EXCLUDED(studyId, Prisma.sql`d."raterId"`)}
       GROUP BY d.day
    ), uncounted_day AS (
      SELECT j."createdAt"::date AS day, count(*) AS n
        FROM "Pair" p JOIN "Judgment" j ON j."pairId" = p.id
       WHERE p."studyId" = ${studyId} AND NOT (${countedPairs(filter)}) AND ${NOT_EXCLUDED(studyId, Prisma.sql`j."raterId"`)}
       GROUP BY 1
    )
    SELECT to_char(e.day, 'YYYY-MM-DD') AS day, (e.n - coalesce(u.n, 0))::int AS judgments
      FROM every_day e LEFT JOIN uncounted_day u ON u.day = e.day
     WHERE e.n - coalesce(u.n, 0) > 0
     ORDER BY 1`;
}

/**
 * How far the study is: judgments against the goal, and judgments per day (UTC). The judgments
 * are the days' sum, which counts a judgment of any kind (a verdict, a label, a score).
 */
export async function studyProgress(studyId: string, filter: ResultsFilter): Promise<StudyProgress> {
  const [[totals], days] = await Promise.all([
    readDb().$queryRaw<{ goal: number }[]>`
      SELECT (SELECT (count(*) * s."judgmentsPerPair")::int FROM "Pair" p JOIN "Study" s ON s.id = p."studyId"
               WHERE p."studyId" = ${studyId} AND ${countedPairs(EVERY_JUDGMENT)} GROUP BY s."judgmentsPerPair") AS goal`,
    readDb().$queryRaw<{ day: string; judgments: number }[]>(perDay(studyId, filter)),
  ]);
  return { judged: days.reduce((sum, day) => sum + day.judgments, 0), goal: totals.goal ?? 0, perDay: days };
}
