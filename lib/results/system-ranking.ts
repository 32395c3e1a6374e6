import "server-only";
import { readDb } from "@/lib/db";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import type { ResultsFilter } from "@/lib/results/results-filter";
import { addComparison, emptyPromptTable, rankPromptTable, type Ranking } from "@/lib/stats/ranking";

/**
 * Every system ranked by Bradley–Terry over the judgments the filter counts. Postgres sends each
 * pair of systems' counts as arrays, with their prompts: a few rows instead of one per pair, which
 * took longer to read than the ranking takes to compute.
 */
export async function systemRanking(studyId: string, filter: ResultsFilter): Promise<Ranking | null> {
  const rows = await readDb().$queryRaw<{ a: string; b: string; prompt: string[]; aWins: number[]; bWins: number[]; ties: number[] }[]>`
    SELECT sa.name AS a, sb.name AS b, v.prompt, v."aWins", v."bWins", v.ties
      -- The arrays of one row are aggregated over the same rows in the same order: they line up.
      FROM (SELECT v."targetSystemId", v."baselineSystemId", array_agg(v."promptId") AS prompt,
                   array_agg(v.w) AS "aWins", array_agg(v.l) AS "bWins", array_agg(v.t) AS ties
              FROM (${pairVerdicts(studyId, filter)}) v
             WHERE v.w + v.t + v.l > 0
             GROUP BY v."targetSystemId", v."baselineSystemId") v
      JOIN "System" sa ON sa.id = v."targetSystemId" JOIN "System" sb ON sb.id = v."baselineSystemId"`;
  // Pairs and judged prompts in a fixed order (code points, as Postgres's "C" collation sorts ASCII
  // ids): the intervals add up floating-point numbers pair by pair and prompt by prompt, so the
  // same data give the same numbers to the last digit on every load, however Postgres grouped.
  const byCodePoint = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  rows.sort((x, y) => byCodePoint(x.a, y.a) || byCodePoint(x.b, y.b));
  const prompts = [...new Set(rows.flatMap((row) => row.prompt))].sort(byCodePoint);
  const place = new Map(prompts.map((id, i) => [id, i]));
  const table = emptyPromptTable(rows.map(({ a, b }) => ({ a, b })), prompts.length);
  rows.forEach((row, pair) => row.prompt.forEach((id, i) => addComparison(table, place.get(id)!, pair, row.aWins[i], row.bWins[i], row.ties[i])));
  return rankPromptTable(table);
}
