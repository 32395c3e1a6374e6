import "server-only";
import { db } from "@/lib/db";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import type { ResultsFilter } from "@/lib/results/results-filter";
import type { Comparison } from "@/lib/stats/bradley-terry";
import { rankSystems, type Ranking } from "@/lib/stats/ranking";

/** Every system ranked by Bradley–Terry over the judgments the filter counts. */
export async function systemRanking(studyId: string, filter: ResultsFilter): Promise<Ranking | null> {
  const rows = await db().$queryRaw<{ promptId: string; a: string; b: string; aWins: number; bWins: number; ties: number }[]>`
    SELECT v."promptId", sa.name AS a, sb.name AS b, v.w AS "aWins", v.l AS "bWins", v.t AS ties
      FROM (${pairVerdicts(studyId, filter)}) v
      JOIN "Response" ra ON ra.id = v."targetResponseId" JOIN "System" sa ON sa.id = ra."systemId"
      JOIN "Response" rb ON rb.id = v."baselineResponseId" JOIN "System" sb ON sb.id = rb."systemId"
     WHERE v.w + v.t + v.l > 0
     -- A fixed order of prompts, so the seeded bootstrap resamples the same clusters on every load.
     ORDER BY v."promptId" COLLATE "C", sb.name COLLATE "C"`;
  const byPrompt = new Map<string, Comparison[]>();
  for (const { promptId, ...comparison } of rows) byPrompt.set(promptId, [...(byPrompt.get(promptId) ?? []), comparison]);
  return rankSystems([...byPrompt.values()]);
}
