// How precise a win rate is, and how many more judgments would make it precise enough. Planning
// arithmetic, so the normal approximation (p ± z·√(p(1−p)·deff/n)) is the right tool: it is what
// sample-size tables use (Cochran 1977: n = z²p(1−p)/h², 385 for ±5 points at p = ½).
import { normalQuantile } from "./distributions";
import type { Interval } from "./interval";
import { wilsonInterval } from "./wilson";

export interface PrecisionInput {
  /** Observed share (0–1), e.g. the win rate; with no judgments yet, ½ (the worst case) is used. */
  p: number;
  /** Judgments it was observed over. */
  n: number;
  /** Target half-width of the interval, as a share: 0.05 = ±5 points. */
  halfWidth?: number;
  level?: number;
  /**
   * Raters per prompt (k) and the intra-prompt correlation of verdicts (ρ): judgments of one
   * prompt are not independent, so n judgments carry the information of n / deff independent
   * ones, deff = 1 + (k − 1)·ρ (Kish 1965). Leave out for independent judgments (deff = 1).
   */
  ratersPerPrompt?: number;
  intraPromptCorrelation?: number;
}

export interface Precision {
  /** Current half-width (Infinity with no judgments). */
  halfWidth: number;
  targetHalfWidth: number;
  designEffect: number;
  /** Judgments needed in all for the target half-width. */
  requiredJudgments: number;
  /** Of those, how many are still to come (0 once reached). */
  additionalJudgments: number;
}

export function judgmentsForPrecision(input: PrecisionInput): Precision {
  const { n, halfWidth: target = 0.05, level = 0.95, ratersPerPrompt = 1, intraPromptCorrelation = 0 } = input;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(input.p >= 0 && input.p <= 1)) throw new RangeError(`p must be in [0, 1], got ${input.p}`);
  if (!(target > 0 && target < 1)) throw new RangeError(`halfWidth must be in (0, 1), got ${target}`);
  if (!(ratersPerPrompt >= 1)) throw new RangeError(`ratersPerPrompt must be at least 1, got ${ratersPerPrompt}`);
  if (!(intraPromptCorrelation >= 0 && intraPromptCorrelation <= 1)) throw new RangeError("intraPromptCorrelation must be in [0, 1]");
  const p = n === 0 ? 0.5 : input.p;
  const z = normalQuantile(1 - (1 - level) / 2);
  const designEffect = 1 + (ratersPerPrompt - 1) * intraPromptCorrelation;
  const variance = p * (1 - p) * designEffect;
  // A tiny allowance keeps float noise (384.0000000001) from adding a whole judgment.
  const requiredJudgments = Math.ceil((z * z * variance) / (target * target) - 1e-9);
  return {
    halfWidth: n === 0 ? Infinity : z * Math.sqrt(variance / n),
    targetHalfWidth: target,
    designEffect,
    requiredJudgments,
    additionalJudgments: Math.max(0, requiredJudgments - n),
  };
}

export interface EvenSplitCheck {
  /** The win share among non-tie judgments, wins / (wins + losses), with its Wilson interval. */
  winShareOfDecided: Interval | null;
  /** Non-tie judgments the check rests on. */
  decided: number;
  /** True when the interval lies wholly above or below ½. */
  excludesEvenSplit: boolean;
  /** Which side of ½ the interval lies on, when it excludes it. */
  direction: "target-better" | "baseline-better" | null;
}

/**
 * Whether the target is distinguishable from its baseline. "Even split" means: among judgments
 * that were not ties, the target wins half; ties carry no preference and are left out, as in the
 * sign test. The interval is Wilson's; near the boundary it can disagree with the exact sign test
 * (p < 0.05), which is the one to quote as a test.
 */
export function evenSplitCheck(wins: number, losses: number, level = 0.95): EvenSplitCheck {
  const decided = wins + losses;
  const interval = wilsonInterval(wins, decided, level);
  const direction = interval === null ? null : interval.lower > 0.5 ? "target-better" : interval.upper < 0.5 ? "baseline-better" : null;
  return { winShareOfDecided: interval, decided, excludesEvenSplit: direction !== null, direction };
}
