import "server-only";
import { db } from "@/lib/db";
import { countedJudgments, countedPairs, type ResultsFilter } from "@/lib/results/results-filter";
import type { Comparison } from "@/lib/stats/bradley-terry";
import { rankSystems, type Ranking } from "@/lib/stats/ranking";

/** Every system ranked by Bradley–Terry over the judgments the filter counts. */
export async function systemRanking(studyId: string, filter: ResultsFilter): Promise<Ranking | null> {
  const rows = await db().$queryRaw<{ promptId: string; a: string; b: string; aWins: number; bWins: number; ties: number }[]>`
    SELECT p."promptId", sa.name AS a, sb.name AS b,
           count(*) FILTER (WHERE j.verdict = 'win')::int AS "aWins",
           count(*) FILTER (WHERE j.verdict = 'loss')::int AS "bWins",
           count(*) FILTER (WHERE j.verdict = 'tie')::int AS ties
      FROM "Judgment" j
      JOIN "Pair" p ON p.id = j."pairId"
      JOIN "Response" ra ON ra.id = p."targetResponseId" JOIN "System" sa ON sa.id = ra."systemId"
      JOIN "Response" rb ON rb.id = p."baselineResponseId" JOIN "System" sb ON sb.id = rb."systemId"
     WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)} AND ${countedJudgments(studyId, filter)}
     GROUP BY p."promptId", sa.name, sb.name`;
  const byPrompt = new Map<string, Comparison[]>();
  for (const { promptId, ...comparison } of rows) byPrompt.set(promptId, [...(byPrompt.get(promptId) ?? []), comparison]);
  return rankSystems([...byPrompt.values()]);
}
