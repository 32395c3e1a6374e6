// Whether longer answers win, per baseline, for the raters and for an LLM judge. Postgres reads one
// row per judged pair (its two responses' lengths and its verdicts); lib/stats/length-control.ts
// does the arithmetic.
import "server-only";
import type { Verdict } from "@/lib/assign/policy";
import { readDb } from "@/lib/db";
import { judgeLabel } from "@/lib/judge/judge-agreement";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import { countedPairs, EVERY_JUDGMENT, type ResultsFilter } from "@/lib/results/results-filter";
import { lengthEffect, type LengthEffect, type PairLengths } from "@/lib/stats/length-control";
import type { Tally } from "@/lib/stats/rates";

export interface BaselineLengthEffect extends LengthEffect {
  baseline: string;
}

/**
 * A baseline's judged pair, or one row of nulls for a baseline with none, so that every baseline
 * keeps its place. Lengths are Postgres's length(text): characters, not bytes, kept on each pair
 * (prisma/DERIVED.md). For a multi-turn response that is its "text", the turns joined as raters
 * read them.
 */
interface PairRow {
  baseline: string;
  targetLength: number | null;
  baselineLength: number | null;
}

function byBaseline<R extends PairRow>(rows: R[], verdicts: (row: R) => Tally): BaselineLengthEffect[] {
  const pairs = new Map<string, PairLengths[]>();
  for (const row of rows) {
    const judged = pairs.get(row.baseline) ?? [];
    pairs.set(row.baseline, judged);
    if (row.targetLength !== null && row.baselineLength !== null) judged.push({ targetLength: row.targetLength, baselineLength: row.baselineLength, ...verdicts(row) });
  }
  return [...pairs].map(([baseline, judged]) => ({ baseline, ...lengthEffect(judged) }));
}

/**
 * The raters' judgments the filter counts (gold pairs and excluded raters left out as on the rest
 * of the page), per baseline in the study's order. Postgres sends each baseline's judged pairs as
 * arrays, one row a baseline: a row per pair took longer to read than the fit takes to run.
 */
export async function lengthEffectByBaseline(studyId: string, filter: ResultsFilter): Promise<BaselineLengthEffect[]> {
  const rows = await readDb().$queryRaw<{ baseline: string; targetLength: number[] | null; baselineLength: number[] | null; wins: number[] | null; ties: number[] | null; losses: number[] | null }[]>`
    SELECT s.name AS baseline, r."targetLength", r."baselineLength", r.wins, r.ties, r.losses
      FROM "System" s
      JOIN "Study" st ON st.id = s."studyId" AND st."targetSystemId" IS DISTINCT FROM s.id
      LEFT JOIN (
        -- The arrays of one row are aggregated over the same rows in the same order: they line up.
        SELECT x."baselineSystemId", array_agg(x."targetLength") AS "targetLength", array_agg(x."baselineLength") AS "baselineLength",
               array_agg(x.w) AS wins, array_agg(x.t) AS ties, array_agg(x.l) AS losses
          FROM (
            SELECT v."baselineSystemId", v."targetLength", v."baselineLength", v.w, v.t, v.l
              FROM (${pairVerdicts(studyId, filter)}) v
             WHERE v.w + v.t + v.l > 0 AND v."baselineLength" IS NOT NULL) x
         GROUP BY x."baselineSystemId"
      ) r ON r."baselineSystemId" = s.id
     WHERE s."studyId" = ${studyId}
     ORDER BY s.position, s.name`;
  return rows.map((row) => ({
    baseline: row.baseline,
    ...lengthEffect(
      (row.targetLength ?? []).map((targetLength, i) => ({ targetLength, baselineLength: row.baselineLength![i], wins: row.wins![i], ties: row.ties![i], losses: row.losses![i] })),
    ),
  }));
}

/**
 * One LLM judge of the study, per baseline in the study's order: each pair it gave a verdict on
 * counts once, with the label its results use (judgeLabel: the verdict when both orders agree, a
 * tie when they do not). Gold pairs and removed ones are left out, as in the judge's results, and
 * so are superseded answers; a judge of another study gives no rows.
 */
export async function judgeLengthEffect(studyId: string, judgeId: string): Promise<BaselineLengthEffect[]> {
  const rows = await readDb().$queryRaw<(PairRow & { targetLeft: Verdict | null; targetRight: Verdict | null })[]>`
    WITH judged AS (
      SELECT v."pairId",
             max(v.verdict::text) FILTER (WHERE v."targetSide" = 'left') AS "targetLeft",
             max(v.verdict::text) FILTER (WHERE v."targetSide" = 'right') AS "targetRight"
        FROM "JudgeVerdict" v
       WHERE v."judgeId" = ${judgeId} AND v.verdict IS NOT NULL AND v."supersededAt" IS NULL
       GROUP BY v."pairId"
    )
    SELECT s.name AS baseline, r."targetLength", r."baselineLength", r."targetLeft", r."targetRight"
      FROM "Judge" jg
      JOIN "Study" st ON st.id = jg."studyId"
      JOIN "System" s ON s."studyId" = st.id AND s.id IS DISTINCT FROM st."targetSystemId"
      LEFT JOIN (
        SELECT p."baselineSystemId", p."targetLength", p."baselineLength", j."targetLeft", j."targetRight"
          FROM judged j
          JOIN "Pair" p ON p.id = j."pairId" AND ${countedPairs(EVERY_JUDGMENT)} AND p."baselineLength" IS NOT NULL
      ) r ON r."baselineSystemId" = s.id
     WHERE jg.id = ${judgeId} AND jg."studyId" = ${studyId}
     ORDER BY s.position, s.name`;
  return byBaseline(rows, (row) => {
    const label = judgeLabel(row.targetLeft, row.targetRight);
    return { wins: label === "win" ? 1 : 0, ties: label === "tie" ? 1 : 0, losses: label === "loss" ? 1 : 0 };
  });
}
