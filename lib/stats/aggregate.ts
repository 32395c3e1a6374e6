// From raw judgments to the two tallies the dashboard shows: every judgment (the paper's
// "% of judgments"), and one verdict per pair by majority (what the pair's raters decided
// together, which removes the weight of pairs judged by more raters).
import type { Verdict } from "@/lib/assign/policy";
import type { Tally } from "./rates";

export interface JudgmentRecord {
  pairId: string;
  raterId: string;
  verdict: Verdict;
}

export interface Aggregate {
  everyJudgment: Tally;
  majorityPerPair: Tally;
  pairs: number;
  /** Each pair's verdicts in input order: the clusters for bootstrap and agreement. */
  byPair: { pairId: string; verdicts: Verdict[] }[];
}

/**
 * The verdict with strictly the most votes; when two or more share the most (win vs loss, win vs
 * tie, or one of each), "tie": the raters did not settle on a preference, which is what
 * "Neither is significantly better" means.
 */
export function majorityVerdict(verdicts: readonly Verdict[]): Verdict {
  const counts: Record<Verdict, number> = { win: 0, tie: 0, loss: 0 };
  for (const v of verdicts) counts[v]++;
  const top = Math.max(counts.win, counts.tie, counts.loss);
  const leaders = (["win", "tie", "loss"] as const).filter((v) => counts[v] === top);
  return leaders.length === 1 ? leaders[0] : "tie";
}

function add(tally: Tally, verdict: Verdict): void {
  if (verdict === "win") tally.wins++;
  else if (verdict === "tie") tally.ties++;
  else tally.losses++;
}

/**
 * Leave gold pairs out before calling: they check raters and are not part of the comparison.
 * Throws on a second judgment by one rater of one pair, which the database forbids, so that a
 * faulty join upstream cannot double-count silently.
 */
export function aggregate(judgments: readonly JudgmentRecord[]): Aggregate {
  const everyJudgment: Tally = { wins: 0, ties: 0, losses: 0 };
  const byPair = new Map<string, { raters: Set<string>; verdicts: Verdict[] }>();
  for (const j of judgments) {
    let pair = byPair.get(j.pairId);
    if (pair === undefined) {
      pair = { raters: new Set(), verdicts: [] };
      byPair.set(j.pairId, pair);
    }
    if (pair.raters.has(j.raterId)) throw new Error(`rater ${j.raterId} judged pair ${j.pairId} twice`);
    pair.raters.add(j.raterId);
    pair.verdicts.push(j.verdict);
    add(everyJudgment, j.verdict);
  }
  const majorityPerPair: Tally = { wins: 0, ties: 0, losses: 0 };
  for (const { verdicts } of byPair.values()) add(majorityPerPair, majorityVerdict(verdicts));
  return {
    everyJudgment,
    majorityPerPair,
    pairs: byPair.size,
    byPair: [...byPair].map(([pairId, { verdicts }]) => ({ pairId, verdicts })),
  };
}
