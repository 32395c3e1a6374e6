import "server-only";
import { db } from "@/lib/db";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import { countedJudgments, countedPairs, type ResultsFilter } from "@/lib/results/results-filter";

export interface StudyProgress {
  /** Judgments on ordinary pairs so far, and the study's goal: every ordinary pair judged k times. */
  judged: number;
  goal: number;
  perDay: { day: string; judgments: number }[];
}

/** How far the study is: judgments against the goal, and judgments per day (UTC). */
export async function studyProgress(studyId: string, filter: ResultsFilter): Promise<StudyProgress> {
  const [[totals], perDay] = await Promise.all([
    db().$queryRaw<{ judged: number; goal: number }[]>`
      SELECT (SELECT coalesce(sum(v.w + v.t + v.l), 0)::int FROM (${pairVerdicts(studyId, filter)}) v) AS judged,
             (SELECT (count(*) * s."judgmentsPerPair")::int FROM "Pair" p JOIN "Study" s ON s.id = p."studyId"
               WHERE p."studyId" = ${studyId} AND p."goldVerdict" IS NULL GROUP BY s."judgmentsPerPair") AS goal`,
    db().$queryRaw<{ day: string; judgments: number }[]>`
      SELECT to_char(date_trunc('day', j."createdAt"), 'YYYY-MM-DD') AS day, count(*)::int AS judgments
        FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
       WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)} AND ${countedJudgments(studyId, filter)}
       GROUP BY 1 ORDER BY 1`,
  ]);
  return { judged: totals.judged, goal: totals.goal ?? 0, perDay };
}
