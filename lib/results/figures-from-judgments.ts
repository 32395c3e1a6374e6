// Every figure of a pairwise study's results page recomputed from its raw records in plain
// TypeScript, apart from the SQL that counts them for the page: what `npm run analyze` holds a
// bundle's figures against. Unfiltered, as the bundle's figures are: gold pairs and excluded
// raters left out of the results, excluded raters still listed among the raters, and removed
// pairs left out of everything (SQL's countedPairs).
import type { Choice, Verdict } from "@/lib/assign/policy";
import { bothBadOf, type BothBad } from "@/lib/results/both-bad";
import { judgeAgreement, judgeLabel, type JudgeAgreement } from "@/lib/judge/judge-agreement";
import { studyAgreement, type Agreement, type LabelGroup } from "@/lib/stats/agreement";
import { baselineFigures, type BaselineFigures } from "@/lib/stats/baseline-summary";
import type { ClusterKind } from "@/lib/stats/clustered-shares";
import { lengthEffect, type LengthEffect, type PairLengths } from "@/lib/stats/length-control";
import { positionBias, type PositionBias } from "@/lib/stats/position-bias";
import { rankSystems, type Ranking } from "@/lib/stats/ranking";

export type Aggregation = "every" | "majority";
export type { Choice };

export interface StudyRecords {
  target: string | null;
  /** Every system, in the study's order. */
  systems: readonly string[];
  judgmentsPerPair: number;
  /** Whether the study offers "Both are bad" (absent before bundle version 5: none did). */
  offersBothBad?: boolean;
  responses: readonly { promptId: string; system: string; text: string }[];
  /** `removed`: taken out of the study by a researcher (absent before bundle version 4: none was). */
  pairs: readonly { id: string; promptId: string; target: string; baseline: string; goldVerdict: Verdict | null; removed?: boolean }[];
  judgments: readonly { pairId: string; rater: string; choice: Choice; verdict: Verdict; goldCorrect: boolean | null; excluded: boolean; timeOnTaskMs: number }[];
  /** In the page's order. */
  judges: readonly { id: string; name: string }[];
  judgeVerdicts: readonly { judge: string; pairId: string; targetSide: "left" | "right"; verdict: Verdict | null }[];
}

export interface BaselineSummary extends BaselineFigures {
  baseline: string;
  pairs: number;
  prompts: number;
  agreement: Agreement;
}

export interface RaterRow {
  rater: string;
  /** Left out of the results by a researcher; their judgments are kept, and marked in exports. */
  excluded: boolean;
  judgments: number;
  medianSeconds: number | null;
  left: number;
  right: number;
  neither: number;
  goldJudged: number;
  goldCorrect: number;
  /**
   * Of their judgments on `onSharedPairs`, how many agree with the majority of the other raters on
   * the pair: the verdict with strictly the most votes among the other counted raters, a tie when
   * two or three verdicts share the most (SQL's majority_of_others).
   */
  withMajority: number;
  /** Their judgments on ordinary pairs judged by at least one other counted rater too. */
  onSharedPairs: number;
}

export interface StudyFigures {
  summary: Record<Aggregation, BaselineSummary[]>;
  /** Per baseline, how many tied judgments were "Both are bad"; null when the study neither offers it nor has any. */
  bothBad: ({ baseline: string } & BothBad)[] | null;
  agreement: Agreement;
  positionBias: PositionBias;
  ranking: Ranking | null;
  /** By pseudonym, in code-point order. */
  raters: RaterRow[];
  length: ({ baseline: string } & LengthEffect)[];
  judges: { name: string; baselines: { baseline: string; agreement: JudgeAgreement }[]; length: ({ baseline: string } & LengthEffect)[] }[];
}

/** The figures as a bundle holds them, one record each, in this order ("both-bad" only where the study has its figures). */
export const FIGURES = ["summary-every", "summary-majority", "both-bad", "agreement", "position-bias", "ranking", "raters", "length", "judges"] as const;
export type FigureName = (typeof FIGURES)[number];

export function namedFigures(figures: StudyFigures): Partial<Record<FigureName, unknown>> {
  return {
    "summary-every": figures.summary.every,
    "summary-majority": figures.summary.majority,
    ...(figures.bothBad ? { "both-bad": figures.bothBad } : {}),
    agreement: figures.agreement,
    "position-bias": figures.positionBias,
    ranking: figures.ranking,
    raters: figures.raters,
    length: figures.length,
    judges: figures.judges,
  };
}

interface Counts {
  w: number;
  t: number;
  l: number;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The verdict with strictly the most votes, a tie when two or three share the most (SQL's majority_verdict). */
function majorityOfCounts({ w, t, l }: Counts): Verdict {
  const top = Math.max(w, t, l);
  const leaders = ([["win", w], ["tie", t], ["loss", l]] as const).filter(([, n]) => n === top);
  return leaders.length === 1 ? leaders[0][0] : "tie";
}

/** The verdict of the other counted raters of a pair, as SQL's majority_of_others: null with none. */
export function majorityOfOthers(verdict: Verdict, counted: boolean, { w, t, l }: Counts): Verdict | null {
  const own = (v: Verdict) => (counted && verdict === v ? 1 : 0);
  const others = { w: w - own("win"), t: t - own("tie"), l: l - own("loss") };
  return others.w + others.t + others.l === 0 ? null : majorityOfCounts(others);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor((sorted.length - 1) / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle] + sorted[middle + 1]) / 2;
}

export function figuresFromJudgments(records: StudyRecords): StudyFigures {
  const baselines = records.systems.filter((name) => name !== records.target);
  const ordinary = records.pairs.filter((pair) => pair.goldVerdict === null && !pair.removed);
  const pairOf = new Map(records.pairs.map((pair) => [pair.id, pair]));
  // Each ordinary pair's counted verdicts: the judgments of raters not excluded.
  const counts = new Map<string, Counts>(ordinary.map((pair) => [pair.id, { w: 0, t: 0, l: 0 }]));
  const leftVotes = { left: 0, right: 0, neither: 0 };
  // Each baseline's counted "Both are bad", among its ties.
  const bothBadVotes = new Map<string, number>();
  for (const judgment of records.judgments) {
    const pair = counts.get(judgment.pairId);
    if (!pair || judgment.excluded) continue;
    pair[judgment.verdict === "win" ? "w" : judgment.verdict === "tie" ? "t" : "l"] += 1;
    // Position bias counts the ties as "neither" (no side), "Both are bad" among them.
    leftVotes[judgment.choice === "both_bad" ? "neither" : judgment.choice] += 1;
    if (judgment.choice === "both_bad") {
      const { baseline } = pairOf.get(judgment.pairId)!;
      bothBadVotes.set(baseline, (bothBadVotes.get(baseline) ?? 0) + 1);
    }
  }
  // Shown where the study offers it, or an ordinary pair (removed or not) holds one: the rater
  // tallies' test, which counts excluded raters too.
  const bothBadShown = !!records.offersBothBad || records.judgments.some((j) => j.choice === "both_bad" && pairOf.get(j.pairId)?.goldVerdict === null);
  const judged = ordinary.filter((pair) => {
    const c = counts.get(pair.id)!;
    return c.w + c.t + c.l > 0;
  });

  const groupsOf = (pairs: typeof ordinary): LabelGroup[] =>
    pairs.map((pair) => counts.get(pair.id)!).filter((c) => c.w + c.t + c.l > 0).map((c) => ({ counts: [c.w, c.t, c.l], times: 1 }));

  const summary = (aggregation: Aggregation): BaselineSummary[] =>
    baselines.map((baseline) => {
      const own = ordinary.filter((pair) => pair.baseline === baseline);
      // A prompt's counts are the sum over the baseline's pairs on it (one, against the target).
      const perPrompt = new Map<string, Counts>();
      for (const pair of own) {
        const c = counts.get(pair.id)!;
        if (c.w + c.t + c.l === 0) continue;
        const majority = aggregation === "majority" ? majorityOfCounts(c) : null;
        const add = majority ? { w: +(majority === "win"), t: +(majority === "tie"), l: +(majority === "loss") } : c;
        const sum = perPrompt.get(pair.promptId) ?? { w: 0, t: 0, l: 0 };
        perPrompt.set(pair.promptId, { w: sum.w + add.w, t: sum.t + add.t, l: sum.l + add.l });
      }
      const kinds: ClusterKind[] = [...perPrompt.values()].map((c) => ({ wins: c.w, ties: c.t, losses: c.l, prompts: 1 }));
      const prompts = new Set(own.map((pair) => pair.promptId)).size;
      return {
        baseline,
        pairs: own.length,
        prompts,
        ...baselineFigures(kinds, { capacity: own.length * (aggregation === "majority" ? 1 : records.judgmentsPerPair), promptsAvailable: prompts }),
        agreement: studyAgreement(groupsOf(own)),
      };
    });

  const promptComparisons = new Map<string, { a: string; b: string; aWins: number; bWins: number; ties: number }[]>();
  for (const pair of judged) {
    const c = counts.get(pair.id)!;
    promptComparisons.set(pair.promptId, [...(promptComparisons.get(pair.promptId) ?? []), { a: pair.target, b: pair.baseline, aWins: c.w, bWins: c.l, ties: c.t }]);
  }

  const lengthOf = new Map(records.responses.map((response) => [`${response.promptId}\u0000${response.system}`, [...response.text].length]));
  const lengths = (pair: (typeof ordinary)[number]) => ({
    targetLength: lengthOf.get(`${pair.promptId}\u0000${pair.target}`)!,
    baselineLength: lengthOf.get(`${pair.promptId}\u0000${pair.baseline}`)!,
  });
  const lengthByBaseline = (tally: (pair: (typeof ordinary)[number]) => { wins: number; ties: number; losses: number } | null) =>
    baselines.map((baseline) => {
      const rows: PairLengths[] = ordinary.filter((pair) => pair.baseline === baseline).flatMap((pair) => {
        const t = tally(pair);
        return t ? [{ ...lengths(pair), ...t }] : [];
      });
      return { baseline, ...lengthEffect(rows) };
    });

  const every = summary("every");
  return {
    summary: { every, majority: summary("majority") },
    bothBad: bothBadShown
      ? every.map(({ baseline, wins, ties, losses }) => ({ baseline, ...bothBadOf({ judgments: wins + ties + losses, ties, bothBad: bothBadVotes.get(baseline) ?? 0 }) }))
      : null,
    agreement: studyAgreement(groupsOf(ordinary)),
    positionBias: positionBias(leftVotes),
    ranking: rankSystems([...promptComparisons.values()]),
    raters: raterSummaries(records, pairOf, counts),
    length: lengthByBaseline((pair) => {
      const c = counts.get(pair.id)!;
      return c.w + c.t + c.l > 0 ? { wins: c.w, ties: c.t, losses: c.l } : null;
    }),
    judges: records.judges.map((judge) => {
      const sides = new Map<string, { left: Verdict | null; right: Verdict | null }>();
      for (const v of records.judgeVerdicts) {
        if (v.judge !== judge.id) continue;
        const pair = sides.get(v.pairId) ?? { left: null, right: null };
        pair[v.targetSide] = v.verdict;
        sides.set(v.pairId, pair);
      }
      const label = (pair: (typeof ordinary)[number]) => judgeLabel(sides.get(pair.id)?.left ?? null, sides.get(pair.id)?.right ?? null);
      return {
        name: judge.name,
        baselines: baselines
          .filter((baseline) => ordinary.some((pair) => pair.baseline === baseline))
          .map((baseline) => ({
            baseline,
            agreement: judgeAgreement(
              ordinary
                .filter((pair) => pair.baseline === baseline)
                .map((pair) => {
                  const c = counts.get(pair.id)!;
                  return { targetLeft: sides.get(pair.id)?.left ?? null, targetRight: sides.get(pair.id)?.right ?? null, humanWins: c.w, humanTies: c.t, humanLosses: c.l, pairs: 1 };
                }),
            ),
          })),
        length: lengthByBaseline((pair) => {
          const verdict = label(pair);
          return verdict ? { wins: +(verdict === "win"), ties: +(verdict === "tie"), losses: +(verdict === "loss") } : null;
        }),
      };
    }),
  };
}

/** The raters table: every rater who judged a pair still in the study, excluded ones too, each compared with the other counted raters of a pair. */
function raterSummaries(records: StudyRecords, pairOf: Map<string, StudyRecords["pairs"][number]>, counts: Map<string, Counts>): RaterRow[] {
  const rows = new Map<string, RaterRow & { times: number[] }>();
  for (const j of records.judgments) {
    // A removed pair's judgments count in no figure, the raters' included.
    if (pairOf.get(j.pairId)?.removed) continue;
    const row = rows.get(j.rater) ?? { rater: j.rater, excluded: j.excluded, judgments: 0, medianSeconds: null, left: 0, right: 0, neither: 0, goldJudged: 0, goldCorrect: 0, withMajority: 0, onSharedPairs: 0, times: [] };
    rows.set(j.rater, row);
    row.times.push(j.timeOnTaskMs);
    if (pairOf.get(j.pairId)?.goldVerdict !== null) {
      row.goldJudged += 1;
      if (j.goldCorrect) row.goldCorrect += 1;
      continue;
    }
    row.judgments += 1;
    // The raters' tallies count the three sides and "neither"; "Both are bad" is in `judgments` only.
    if (j.choice !== "both_bad") row[j.choice] += 1;
    const majority = majorityOfOthers(j.verdict, !j.excluded, counts.get(j.pairId)!);
    if (majority !== null) {
      row.onSharedPairs += 1;
      if (majority === j.verdict) row.withMajority += 1;
    }
  }
  return [...rows.values()]
    .map(({ times, ...row }) => ({ ...row, medianSeconds: median(times)! / 1000 }))
    .sort((a, b) => byCodePoint(a.rater, b.rater));
}
