// Mean of 1–6 helpfulness ratings with a two-sided t interval, as the LIMA ablations report
// (a mean with a 95% confidence interval per training condition). The t quantile is computed, so
// small groups get the right, wider interval instead of ±1.96·SE.
import { tQuantile } from "./distributions";
import type { Interval } from "./interval";

export interface MeanInterval extends Interval {
  n: number;
  /** Sample standard deviation (n − 1 denominator). */
  sd: number;
  df: number;
}

/**
 * mean ± t(1 − α/2, n − 1) · s/√n. Assumes independent ratings: when one prompt has several rated
 * responses (the paper samples 5 per prompt), average them per prompt first and pass the prompt
 * means, or the interval will be too narrow. Null below two ratings, where s is undefined.
 */
export function meanWithInterval(values: readonly number[], level = 0.95): MeanInterval | null {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError("ratings must be finite numbers");
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const df = n - 1;
  const half = (tQuantile(1 - (1 - level) / 2, df) * sd) / Math.sqrt(n);
  return { estimate: mean, lower: mean - half, upper: mean + half, n, sd, df };
}
