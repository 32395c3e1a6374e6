// The two-sided exact sign test of wins against losses. Ties ("Neither is significantly better")
// carry no direction, so they are dropped, as the sign test always drops zero differences.
import { logHalfBinomialCdf } from "./binomial";

export interface SignTestResult {
  wins: number;
  losses: number;
  /** Judgments the test rests on: wins + losses. */
  n: number;
  /** Two-sided p-value: min(1, 2·P(X ≤ min(wins, losses))), X ~ Binomial(n, ½). */
  pValue: number;
}

/**
 * Two-sided exact binomial p-value for k successes in n trials under p = ½. Doubling the smaller
 * tail is the usual definition for the symmetric case (it equals R's binom.test there). Computed
 * in log space so it is exact to ~1e-13 relative for n into the millions; values below ~1e-308
 * underflow to 0.
 */
export function binomialTwoSidedP(k: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k must be an integer in [0, n], got ${k}`);
  if (n === 0) return 1;
  const logP = Math.LN2 + logHalfBinomialCdf(Math.min(k, n - k), n);
  return logP >= 0 ? 1 : Math.exp(logP);
}

export function signTest(wins: number, losses: number): SignTestResult {
  const n = wins + losses;
  return { wins, losses, n, pValue: binomialTwoSidedP(wins, n) };
}
