// Percentile bootstrap interval of a mean over clusters: a Likert study's mean helpfulness rests
// on one value per prompt (the mean score of that prompt's answer), so prompts are what is
// resampled. Unlike the t interval (likert-mean.ts) it assumes nothing about the shape of the
// prompt means, which on a bounded 1–6 scale can be skewed.
import { seededRandom } from "@/lib/random";

export interface BootstrapMeanInterval {
  mean: number;
  lower: number;
  upper: number;
  /** Bootstrap replicates the percentiles were read from. */
  replicates: number;
}

export interface BootstrapOptions {
  replicates?: number;
  level?: number;
  seed?: number;
}

/**
 * The p-quantile of ascending `sorted` by linear interpolation between order statistics
 * (Hyndman & Fan 1996 type 7, the default of R's quantile and numpy's percentile), so the
 * interval can be checked against either.
 */
export function percentileType7(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("no values");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const j = Math.floor(h);
  return j + 1 < sorted.length ? sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]) : sorted[j];
}

function meanOf(values: readonly number[]): number {
  return values.reduce((s, x) => s + x, 0) / values.length;
}

/**
 * Mean of `values` with the (1 − level)/2 and (1 + level)/2 percentiles of `replicates` means of
 * resamples drawn with replacement. The draws come from a seeded generator: a recomputation from
 * an exported bundle must give the same digits as the results page, which Math.random cannot
 * promise. Null below two values, where a resample can only repeat the one value.
 */
export function bootstrapMeanInterval(
  values: readonly number[],
  { replicates = 2000, level = 0.95, seed = 1 }: BootstrapOptions = {},
): BootstrapMeanInterval | null {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(replicates) || replicates < 1) throw new RangeError(`replicates must be a positive integer, got ${replicates}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError("values must be finite numbers");
  const n = values.length;
  if (n < 2) return null;
  const random = seededRandom(seed);
  const means = new Float64Array(replicates);
  const resample = new Array<number>(n);
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < n; i++) resample[i] = values[Math.floor(random() * n)];
    // Summed as meanOf does, so identical values give replicate means equal to the mean itself.
    means[r] = meanOf(resample);
  }
  const sorted = Array.from(means.sort());
  return {
    mean: meanOf(values),
    lower: percentileType7(sorted, (1 - level) / 2),
    upper: percentileType7(sorted, (1 + level) / 2),
    replicates,
  };
}
