// One baseline's figures from its prompts' counts: the shares with their clustered intervals,
// the sign test and what it shows, whether the figures rest on too few prompts, and the plan for
// ±5 points. The results page computes it from Postgres's counts, `npm run analyze` from a
// bundle's raw judgments: one function, so the two can only differ in their inputs.
import { clusteredSharesOfKinds, FEW_PROMPTS, type ClusterKind, type ShareIntervals } from "./clustered-shares";
import { planPrecision, type Plan } from "./precision";
import { signTest } from "./sign-test";

export interface BaselineFigures {
  wins: number;
  ties: number;
  losses: number;
  intervals: ShareIntervals | null;
  signTestP: number;
  /**
   * Which side the exact sign test (p < 0.05) prefers, from wins against losses; null when it
   * shows no preference. The page's "preferred" follows this test, never a separate interval.
   */
  preferred: "target" | "baseline" | null;
  /** Judged on fewer than FEW_PROMPTS prompts: the design effect, and so the interval, is unsteady. */
  fewPrompts: boolean;
  /** More of what is counted (judgments, or pairs by majority) for a win share of ±5 points. */
  plan: Plan;
}

export const SIGNIFICANCE = 0.05;

/** The exact sign test of wins against losses, and the side it prefers at p < 0.05. */
export function signTestPreference(wins: number, losses: number): { signTestP: number; preferred: "target" | "baseline" | null } {
  const { pValue } = signTest(wins, losses);
  return { signTestP: pValue, preferred: pValue < SIGNIFICANCE ? (wins > losses ? "target" : "baseline") : null };
}

export function baselineFigures(kinds: readonly ClusterKind[], study: { capacity: number; promptsAvailable: number }): BaselineFigures {
  const sum = (pick: (kind: ClusterKind) => number) => kinds.reduce((total, kind) => total + kind.prompts * pick(kind), 0);
  const [wins, ties, losses] = [sum((k) => k.wins), sum((k) => k.ties), sum((k) => k.losses)];
  const intervals = clusteredSharesOfKinds(kinds);
  const prompts = intervals?.clusters ?? 0;
  return {
    wins,
    ties,
    losses,
    intervals,
    ...signTestPreference(wins, losses),
    fewPrompts: prompts < FEW_PROMPTS,
    plan: planPrecision({ interval: intervals?.win ?? null, counted: wins + ties + losses, prompts, capacity: study.capacity, promptsAvailable: study.promptsAvailable }),
  };
}
