// The figures of a study whose raters judge one answer at a time (labels, labels per turn, or
// scores), from what every answer received: pure, so that the results page (counting in
// Postgres) and a recomputation from the bundle (counting the judgment records) give the same
// digits. An answer is one prompt's, so answers are the clusters of every interval.
import { LABELS, type Measure } from "@/lib/kinds";
import { fleissKappaOfGroups, krippendorffAlphaOfGroups, type AlphaResult, type KappaResult, type LabelGroup } from "@/lib/stats/agreement";
import { bootstrapMeanInterval } from "@/lib/stats/bootstrap-mean";
import { clusteredSharesOfKinds, FEW_PROMPTS, type ClusteredInterval, type ClusterKind } from "@/lib/stats/clustered-shares";
import type { Interval } from "@/lib/stats/interval";
import { meanWithInterval, type MeanInterval } from "@/lib/stats/likert-mean";
import { planPrecision } from "@/lib/stats/precision";

/** One answer (or one turn of a conversation) with how often it got each of the kind's values, in the kind's order. */
export interface AnswerUnit {
  system: string;
  answer: string;
  /** 1 for an answer judged as a whole; the turn's position in a conversation otherwise. */
  turn: number;
  counts: number[];
}

/** What each system can still be given: its answers counted by the filter, each to be judged k times, and its assistant turns. */
export interface SystemSupply {
  system: string;
  answers: number;
  turns: number;
}

export interface LabelSummary {
  /** Answers labelled at least once, and labels in all. */
  answers: number;
  labels: number;
  excellent: number;
  pass: number;
  fail: number;
  intervals: { excellent: ClusteredInterval; pass: ClusteredInterval; fail: ClusteredInterval; passOrBetter: ClusteredInterval } | null;
}

export interface SystemScores {
  system: string;
  /** Answers scored at least once, and scores in all. */
  answers: number;
  scores: number;
  /** Mean of the answers' mean scores; null with none. */
  average: number | null;
  /** The same mean with its t interval, clamped to the scale; null below two answers. */
  mean: MeanInterval | null;
  /** Half the width of the t interval before it is clamped: how sure the mean is. */
  halfWidth: number;
  /** The same mean's percentile bootstrap over answers (prompts), clamped likewise. */
  bootstrap: (Interval & { replicates: number }) | null;
  /** How many scores of each value, from the scale's lowest. */
  distribution: number[];
}

/** Agreement among the raters of the same answers, with what it rests on. */
export interface AnswerAgreement {
  fleiss: KappaResult;
  alpha: { nominal: AlphaResult; ordinal?: AlphaResult; interval?: AlphaResult };
}

/** How sure a system's figure is now, and what more judging would bring. */
export interface AnswerPrecision {
  /** What the interval is of: "pass or better" or "mean score". */
  of: string;
  halfWidth: number;
  target: number;
  /** Judgments (or turn labels) still needed for the target, and whether the study can supply them. */
  additional: number;
  supply: number;
  reachable: boolean;
  fewPrompts: boolean;
}

export interface SystemAnswers {
  system: string;
  labels: LabelSummary | null;
  byTurn: ({ turn: number } & LabelSummary)[];
  scores: SystemScores | null;
  agreement: AnswerAgreement;
  precision: AnswerPrecision;
}

export interface AnswerFigures {
  measure: Exclude<Measure, { shape: "preference" }>;
  systems: SystemAnswers[];
  agreement: AnswerAgreement;
}

/** A mean score's interval is planned for ±0.25 points; a label share's for ±5 points. */
export const SCORE_HALF_WIDTH = 0.25;
export const LABEL_HALF_WIDTH = 0.05;
const Z95 = 1.959963984540054;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Labels in the order Postgres and the bundle count them (the kind's), as excellent / pass / fail. */
function labelCounts(counts: readonly number[]) {
  const at = (label: (typeof LABELS)[number]) => counts[LABELS.indexOf(label)] ?? 0;
  return { excellent: at("excellent"), pass: at("pass"), fail: at("fail") };
}

/** Each answer's labels (summed over its turns) as clusters: excellent, pass and fail stand where win, tie and loss do. */
export function labelSummary(answers: readonly (readonly number[])[]): LabelSummary {
  const kinds = new Map<string, ClusterKind>();
  for (const counts of answers) {
    const { excellent, pass, fail } = labelCounts(counts);
    if (excellent + pass + fail === 0) continue;
    const key = `${excellent},${pass},${fail}`;
    const kind = kinds.get(key) ?? { wins: excellent, ties: pass, losses: fail, prompts: 0 };
    kind.prompts += 1;
    kinds.set(key, kind);
  }
  // Kinds in one order, so that the sums come out to the same last digit however they arrived.
  const sorted = [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, kind]) => kind);
  const shares = clusteredSharesOfKinds(sorted);
  const total = (pick: (kind: ClusterKind) => number) => sum(sorted.map((kind) => kind.prompts * pick(kind)));
  return {
    answers: total(() => 1),
    labels: total((kind) => kind.wins + kind.ties + kind.losses),
    excellent: total((kind) => kind.wins),
    pass: total((kind) => kind.ties),
    fail: total((kind) => kind.losses),
    intervals: shares && { excellent: shares.win, pass: shares.tie, fail: shares.loss, passOrBetter: shares.equalOrBetter },
  };
}

/** Counts summed per answer over its turns. */
function perAnswer(units: readonly AnswerUnit[], width: number): number[][] {
  const answers = new Map<string, number[]>();
  for (const unit of units) {
    const counts = answers.get(unit.answer) ?? new Array<number>(width).fill(0);
    unit.counts.forEach((count, index) => (counts[index] += count));
    answers.set(unit.answer, counts);
  }
  return [...answers.keys()].sort().map((answer) => answers.get(answer)!);
}

function agreementOf(units: readonly AnswerUnit[], measure: AnswerFigures["measure"]): AnswerAgreement {
  // Units with the same counts are one group: the coefficients depend on nothing else.
  const groups = new Map<string, LabelGroup & { times: number }>();
  for (const unit of units) {
    const key = unit.counts.join(",");
    const group = groups.get(key) ?? { counts: unit.counts, times: 0 };
    group.times += 1;
    groups.set(key, group);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
  if (measure.shape === "labels") {
    const ranks = measure.categories.map((_, index) => index);
    return { fleiss: fleissKappaOfGroups(sorted), alpha: { nominal: krippendorffAlphaOfGroups(sorted, ranks, "nominal") } };
  }
  const values = scaleValues(measure.scale);
  return {
    fleiss: fleissKappaOfGroups(sorted),
    alpha: {
      nominal: krippendorffAlphaOfGroups(sorted, values, "nominal"),
      ordinal: krippendorffAlphaOfGroups(sorted, values, "ordinal"),
      interval: krippendorffAlphaOfGroups(sorted, values, "interval"),
    },
  };
}

/** The scale's values, lowest first: the order a Likert kind's counts come in. */
export function scaleValues(scale: { min: number; max: number }): number[] {
  return Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
}

const clamp = <T extends Interval>(interval: T | null, scale: { min: number; max: number }): T | null =>
  interval && { ...interval, lower: Math.max(scale.min, interval.lower), upper: Math.min(scale.max, interval.upper) };

function scoresOf(system: string, answers: readonly number[][], scale: { min: number; max: number }): SystemScores {
  const values = scaleValues(scale);
  const means = answers.filter((counts) => sum(counts) > 0).map((counts) => sum(counts.map((count, index) => count * values[index])) / sum(counts));
  const boot = bootstrapMeanInterval(means);
  const t = meanWithInterval(means);
  return {
    system,
    answers: means.length,
    scores: sum(answers.map(sum)),
    average: means.length ? sum(means) / means.length : null,
    // The t interval of a few answers can reach past the scale; no mean can lie outside it.
    mean: clamp(t, scale),
    halfWidth: t ? (t.upper - t.lower) / 2 : Infinity,
    bootstrap: clamp(boot && { estimate: boot.mean, lower: boot.lower, upper: boot.upper, replicates: boot.replicates }, scale),
    distribution: values.map((_, index) => sum(answers.map((counts) => counts[index] ?? 0))),
  };
}

function labelPrecision(labels: LabelSummary, supply: SystemSupply | undefined, k: number): AnswerPrecision {
  const plan = planPrecision({
    interval: labels.intervals?.passOrBetter ?? null,
    counted: labels.labels,
    prompts: labels.answers,
    capacity: Math.max(labels.labels, (supply?.turns ?? 0) * k),
    promptsAvailable: Math.max(labels.answers, supply?.answers ?? 0),
    halfWidth: LABEL_HALF_WIDTH,
  });
  return { of: "pass or better", halfWidth: plan.halfWidth, target: plan.targetHalfWidth, additional: plan.additional, supply: plan.supply, reachable: plan.reachable, fewPrompts: labels.answers > 0 && labels.answers < FEW_PROMPTS };
}

function scorePrecision(scores: SystemScores, supply: SystemSupply | undefined, k: number): AnswerPrecision {
  const { halfWidth } = scores;
  // Answers needed for ±0.25 with the spread seen so far (normal approximation), each judged k times.
  const required = scores.mean ? Math.ceil((Z95 * scores.mean.sd / SCORE_HALF_WIDTH) ** 2) : Infinity;
  const reached = halfWidth <= SCORE_HALF_WIDTH;
  const available = Math.max(scores.answers, supply?.answers ?? 0);
  const perAnswerScores = scores.answers > 0 ? scores.scores / scores.answers : k;
  return {
    of: "mean score",
    halfWidth,
    target: SCORE_HALF_WIDTH,
    additional: reached ? 0 : Number.isFinite(required) ? Math.max(1, Math.ceil((required - scores.answers) * perAnswerScores)) : Infinity,
    supply: Math.max(0, available * k - scores.scores),
    reachable: reached || required <= available,
    fewPrompts: scores.answers > 0 && scores.answers < FEW_PROMPTS,
  };
}

/**
 * Every system's figures (in the order given), and the agreement over all of them. `units` are
 * the counted answers (or turns) with their counts in the kind's order; `supply` what each
 * system's answers can still give at the study's k judgments per answer.
 */
export function answerFigures(
  measure: AnswerFigures["measure"],
  systems: readonly string[],
  units: readonly AnswerUnit[],
  supply: readonly SystemSupply[],
  k: number,
): AnswerFigures {
  const width = measure.shape === "labels" ? measure.categories.length : scaleValues(measure.scale).length;
  return {
    measure,
    agreement: agreementOf(units, measure),
    systems: systems.map((system) => {
      const own = units.filter((unit) => unit.system === system);
      const answers = perAnswer(own, width);
      const available = supply.find((row) => row.system === system);
      const agreement = agreementOf(own, measure);
      if (measure.shape === "scores") {
        const scores = scoresOf(system, answers, measure.scale);
        return { system, labels: null, byTurn: [], scores, agreement, precision: scorePrecision(scores, available, k) };
      }
      const labels = labelSummary(answers);
      const turns = measure.turns === "each" ? [...new Set(own.map((unit) => unit.turn))].sort((a, b) => a - b) : [];
      const byTurn = turns.map((turn) => ({ turn, ...labelSummary(perAnswer(own.filter((unit) => unit.turn === turn), width)) }));
      return { system, labels, byTurn, scores: null, agreement, precision: labelPrecision(labels, available, k) };
    }),
  };
}
