// The figures of a study whose raters judge one answer at a time, recomputed from a bundle's raw
// records in plain TypeScript, apart from the SQL that counts them for the page
// (./answer-results, ./answer-raters): what `npm run analyze` holds such a bundle's figures
// against. Unfiltered, as the bundle's figures are: gold pairs, removed ones and excluded raters
// left out of the answers' figures, excluded raters still listed among the raters.
import { KIND_VALUES, valueKeys, type JudgmentValues } from "@/lib/kinds/judgment-values";
import type { KindName } from "@/lib/kinds";
import { answerFigures, type AnswerFigures, type AnswerUnit, type SystemSupply } from "@/lib/results/answer-figures";
import type { AnswerRaterRow } from "@/lib/results/answer-raters";
import { percentileType7 } from "@/lib/stats/bootstrap-mean";

export interface AnswerRecords {
  kind: KindName;
  measure: AnswerFigures["measure"];
  /** Every system, in the study's order. */
  systems: readonly string[];
  judgmentsPerPair: number;
  responses: readonly { id: string; turns?: unknown }[];
  /** Each holds one answer: the target's response and its system; `removed` as in a pairwise study's records. */
  pairs: readonly { id: string; target: string; targetResponseId: string; goldVerdict: string | null; removed?: boolean }[];
  judgments: readonly (JudgmentValues & { pairId: string; rater: string; excluded: boolean; timeOnTaskMs: number })[];
}

export interface AnswerStudyFigures {
  answers: AnswerFigures;
  /** Every rater with a judgment on an ordinary answer, excluded ones too: most judgments first, then by pseudonym. */
  raters: AnswerRaterRow[];
}

/** The figures as a bundle holds them, one record each, in this order. */
export const ANSWER_FIGURES = ["answers", "raters"] as const;
export type AnswerFigureName = (typeof ANSWER_FIGURES)[number];

export function namedAnswerFigures(figures: AnswerStudyFigures): Record<AnswerFigureName, unknown> {
  return { answers: figures.answers, raters: figures.raters };
}

/** The mean of values given as counts per key (the keys of a scale are its numbers). */
export function meanOfCounts(keys: readonly string[], counts: readonly number[]): number | null {
  const n = counts.reduce((sum, count) => sum + count, 0);
  return n === 0 ? null : counts.reduce((sum, count, index) => sum + count * Number(keys[index]), 0) / n;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function answersFromJudgments(records: AnswerRecords): AnswerStudyFigures {
  const { measure } = records;
  const keys = valueKeys(measure);
  const { valuesOf } = KIND_VALUES[records.kind];
  // Gold pairs and removed ones are left out of every figure, the raters' too (SQL's countedPairs).
  const ordinary = new Map(records.pairs.filter((pair) => pair.goldVerdict === null && !pair.removed).map((pair) => [pair.id, pair]));

  // Each answer's (or turn's) counted values: the judgments of raters not excluded.
  const units = new Map<string, AnswerUnit>();
  for (const judgment of records.judgments) {
    const pair = ordinary.get(judgment.pairId);
    if (!pair || judgment.excluded) continue;
    for (const { value, turn } of valuesOf(judgment)) {
      const key = `${pair.id} ${turn}`;
      const unit = units.get(key) ?? { system: pair.target, answer: pair.id, turn, counts: new Array<number>(keys.length).fill(0) };
      unit.counts[keys.indexOf(value)] += 1;
      units.set(key, unit);
    }
  }

  // What each system's counted answers can still give: a conversation's assistant turns when each is labelled.
  const eachTurn = measure.shape === "labels" && measure.turns === "each";
  const turnsOf = new Map(records.responses.map((response) => [response.id, Array.isArray(response.turns) ? response.turns.length : 1]));
  const supply = new Map<string, SystemSupply>();
  for (const pair of ordinary.values()) {
    const row = supply.get(pair.target) ?? { system: pair.target, answers: 0, turns: 0 };
    row.answers += 1;
    row.turns += eachTurn ? (turnsOf.get(pair.targetResponseId) ?? 1) : 1;
    supply.set(pair.target, row);
  }

  return {
    answers: answerFigures(measure, records.systems, [...units.values()], [...supply.values()], records.judgmentsPerPair),
    raters: raterRows(records, ordinary, keys),
  };
}

/** The raters table: every rater's judgments on ordinary answers, excluded raters' too (SQL's answerRaterRows). */
function raterRows(records: AnswerRecords, ordinary: Map<string, AnswerRecords["pairs"][number]>, keys: readonly string[]): AnswerRaterRow[] {
  const { valuesOf } = KIND_VALUES[records.kind];
  const rows = new Map<string, { rater: string; excluded: boolean; judgments: number; times: number[]; counts: number[] }>();
  for (const judgment of records.judgments) {
    if (!ordinary.has(judgment.pairId)) continue;
    const row = rows.get(judgment.rater) ?? { rater: judgment.rater, excluded: judgment.excluded, judgments: 0, times: [], counts: new Array<number>(keys.length).fill(0) };
    rows.set(judgment.rater, row);
    row.judgments += 1;
    row.times.push(judgment.timeOnTaskMs);
    for (const { value } of valuesOf(judgment)) {
      const index = keys.indexOf(value);
      if (index >= 0) row.counts[index] += 1;
    }
  }
  return [...rows.values()]
    .sort((a, b) => b.judgments - a.judgments || byCodePoint(a.rater, b.rater))
    .map(({ rater, excluded, judgments, times, counts }) => ({
      rater,
      excluded,
      judgments,
      // Postgres's percentile_cont(0.5): between the two middle times, by linear interpolation.
      medianSeconds: percentileType7([...times].sort((a, b) => a - b), 0.5) / 1000,
      counts,
      meanScore: records.measure.shape === "scores" ? meanOfCounts(keys, counts) : null,
    }));
}
