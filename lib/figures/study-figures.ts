// A study's figures as the page shows them and the downloads send them: Figure 1 (the raters),
// Figure 2 (an LLM judge, alone or beside the raters), and the single-answer kinds' own figure.
import "server-only";
import { AppError } from "@/lib/errors";
import { studyJudgeResults, type JudgeBaselineResult } from "@/lib/judge/judge-results";
import { KINDS, type KindName } from "@/lib/kinds";
import type { AnswerFigures } from "@/lib/results/answer-figures";
import { answerResults } from "@/lib/results/answer-results";
import { targetSystemName } from "@/lib/results/study-raters";
import type { ResultsFilter } from "@/lib/results/results-filter";
import { studyResults, type Aggregation, type BaselineResult, type StudyResults } from "@/lib/results/study-results";
import { FEW_PROMPTS, labelShares } from "@/lib/stats/clustered-shares";
import { labelFigureSvg } from "./label-figure";
import { likertFigureSvg } from "./likert-figure";
import { verdictFigureSvg, type VerdictBar } from "./verdict-figure";

export interface FigureStudy {
  id: string;
  slug: string;
  kind: KindName;
  simulated: boolean;
  scaleMin?: number | null;
  scaleMax?: number | null;
}

const simulatedNote = (study: FigureStudy) => (study.simulated ? " (simulated data)" : "");

export const RATERS = "Raters";

/** The raters' bars: the results page's numbers per baseline. */
export function raterBars(baselines: readonly BaselineResult[]): VerdictBar[] {
  return baselines.map((b) => ({
    baseline: b.baseline,
    source: RATERS,
    wins: b.wins,
    ties: b.ties,
    losses: b.losses,
    equalOrBetter: b.intervals?.equalOrBetter ?? null,
    fewPrompts: b.wins + b.ties + b.losses > 0 && b.fewPrompts,
  }));
}

/**
 * A judge's bars: one label a pair (its verdict when both orders agree, a tie when they do not),
 * each pair its own cluster, so the interval is Wilson's on the pairs with the clustered
 * variance's small-sample factor G/(G−1) as its design effect.
 */
export function judgeBars(name: string, baselines: readonly JudgeBaselineResult[]): VerdictBar[] {
  return baselines.map(({ baseline, agreement: { labels } }) => {
    const shares = labelShares(labels);
    const pairs = labels.win + labels.tie + labels.loss;
    return { baseline, source: name, wins: labels.win, ties: labels.tie, losses: labels.loss, equalOrBetter: shares?.equalOrBetter ?? null, fewPrompts: pairs > 0 && pairs < FEW_PROMPTS };
  });
}

/** Figure 1 of a pairwise study under the page's filter and aggregation; a single-answer study's figure. */
export async function figureOne(study: FigureStudy, aggregation: Aggregation, filter: ResultsFilter): Promise<string> {
  if (KINDS[study.kind].measure.shape !== "preference") return answerFigureSvg(study, await answerResults(study, filter));
  const [results, target] = await Promise.all([studyResults(study.id, aggregation, filter), targetSystemName(study.id)]);
  return pairwiseFigureOne(study, target, results);
}

/** The figure of a study that judges one answer at a time: each system's labels (and by turn), or its mean score. */
export function answerFigureSvg(study: FigureStudy, figures: AnswerFigures): string {
  const id = `${study.slug}-figure-1`;
  const { measure } = figures;
  if (measure.shape === "scores") {
    return likertFigureSvg({ id, title: `Mean helpfulness per system${simulatedNote(study)}`, systems: figures.systems.flatMap((s) => (s.scores ? [s.scores] : [])), scale: measure.scale });
  }
  const eachTurn = measure.turns === "each";
  const rows = figures.systems.flatMap(({ system, labels, byTurn }) => [
    ...(labels ? [{ system: eachTurn ? `${system}, all turns` : system, ...labels }] : []),
    ...byTurn.map(({ turn, ...summary }) => ({ system: `${system}, turn ${turn}`, ...summary })),
  ]);
  return labelFigureSvg({ id, title: `Fail / Pass / Excellent per system${eachTurn ? " and turn" : ""}${simulatedNote(study)}`, rows });
}

/** Figure 1 from results already counted (the page has them). */
export function pairwiseFigureOne(study: FigureStudy, target: string, results: StudyResults): string {
  return verdictFigureSvg({
    id: `${study.slug}-figure-1`,
    title: `Figure 1: ${target} against each baseline, human raters${results.aggregation === "majority" ? ", one verdict per pair" : ""}${simulatedNote(study)}`,
    target,
    bars: raterBars(results.baselines),
    unit: results.aggregation === "majority" ? "pairs" : "judgments",
  });
}

export interface FigureTwoOptions {
  /** Which judge, when the study has several. */
  judgeId: string | null;
  /** The judge's bars beside the raters' (under the filter and aggregation), or alone. */
  combined: boolean;
  aggregation: Aggregation;
  filter: ResultsFilter;
}

/** Figure 2: an LLM judge's verdicts per baseline, alone or beside the raters'. */
export async function figureTwo(study: FigureStudy, options: FigureTwoOptions): Promise<string> {
  if (KINDS[study.kind].measure.shape !== "preference") throw new AppError("not_found", "Figure 2 is a pairwise study's: this study has no LLM judge's pairwise verdicts.");
  const judges = await studyJudgeResults(study.id);
  if (judges.length === 0) throw new AppError("not_found", "This study has no LLM judge yet: add one on the study's page to draw Figure 2.");
  const judge = options.judgeId ? judges.find((j) => j.id === options.judgeId) : judges.length === 1 ? judges[0] : undefined;
  if (!judge) {
    const known = judges.map((j) => `${j.id} (${j.name})`).join(", ");
    throw new AppError(options.judgeId ? "not_found" : "invalid", options.judgeId ? `judge: no judge "${options.judgeId}" in this study; its judges are ${known}.` : `judge: this study has several judges; choose one with ?judge=ID: ${known}.`);
  }
  const target = await targetSystemName(study.id);
  const raters = options.combined ? await studyResults(study.id, options.aggregation, options.filter) : null;
  return judgeFigure(study, target, judge, raters);
}

/** Figure 2 of one judge: alone, or beside the raters' results when they are given. */
export function judgeFigure(study: FigureStudy, target: string, judge: { id: string; name: string; baselines: JudgeBaselineResult[] }, raters: StudyResults | null): string {
  const own = judgeBars(judge.name, judge.baselines);
  if (!raters) {
    return verdictFigureSvg({ id: `${study.slug}-figure-2-${judge.id}`, title: `Figure 2: ${target} against each baseline, LLM judge: ${judge.name}${simulatedNote(study)}`, target, bars: own, unit: "pairs" });
  }
  return verdictFigureSvg({
    id: `${study.slug}-figure-2-${judge.id}-combined`,
    title: `${target} against each baseline: human raters and ${judge.name} side by side${simulatedNote(study)}`,
    target,
    bars: raterBars(raters.baselines).flatMap((bar) => [bar, ...own.filter((j) => j.baseline === bar.baseline)]),
    unit: raters.aggregation === "majority" ? "pairs" : "judgments (raters) or pairs (judge)",
  });
}
