// The summary per baseline recomputed from raw judgments in plain TypeScript, apart from the SQL
// that counts them for the results page: what `npm run analyze` holds a bundle's summary against.
import type { Verdict } from "@/lib/assign/policy";
import { majorityVerdict } from "@/lib/stats/aggregate";
import { bootstrapShares, type ShareIntervals } from "@/lib/stats/bootstrap";
import { signTest } from "@/lib/stats/sign-test";

export type Aggregation = "every" | "majority";

/** A judgment the results count: ordinary pair, rater not excluded. */
export interface CountedJudgment {
  baseline: string;
  promptId: string;
  pairId: string;
  verdict: Verdict;
}

export interface BaselineSummary {
  baseline: string;
  wins: number;
  ties: number;
  losses: number;
  intervals: ShareIntervals | null;
  signTestP: number;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Per baseline, in the order given, with the seed given: each prompt is one bootstrap cluster
 * (the bootstrap puts clusters in an order of its own, so theirs does not matter); under
 * "majority" each pair contributes its majority verdict once.
 */
export function summarize(judgments: readonly CountedJudgment[], baselines: readonly { name: string; seed: number }[], aggregation: Aggregation): BaselineSummary[] {
  const byBaseline = groupBy(judgments, (j) => j.baseline);
  return baselines.map(({ name, seed }) => {
    const byPrompt = groupBy(byBaseline.get(name) ?? [], (j) => j.promptId);
    const clusters = [...byPrompt.keys()].map((promptId) => {
      const byPair = groupBy(byPrompt.get(promptId)!, (j) => j.pairId);
      return [...byPair.values()].flatMap((pair) => (aggregation === "majority" ? [majorityVerdict(pair.map((j) => j.verdict))] : pair.map((j) => j.verdict)));
    });
    const all = clusters.flat();
    const count = (verdict: Verdict) => all.filter((v) => v === verdict).length;
    const [wins, ties, losses] = [count("win"), count("tie"), count("loss")];
    return { baseline: name, wins, ties, losses, intervals: bootstrapShares(clusters, { seed }), signTestP: signTest(wins, losses).pValue };
  });
}
