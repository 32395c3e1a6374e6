// Percentile bootstrap of win / tie / loss shares that resamples prompts, not judgments. The k
// raters of one prompt judge the same two responses, so their verdicts are correlated; resampling
// single judgments would treat them as independent and give intervals that are too narrow.
// Seeded, so the dashboard shows the same interval on every load for the same data.
import type { Verdict } from "@/lib/assign/policy";
import binomial from "@stdlib/random-base-binomial";
import { seededRandom } from "@/lib/random";
import type { Interval } from "./interval";

/**
 * Bootstrap resamples by default. At 2,000 the Monte Carlo error of a 95% end is about 6% of the
 * standard error (0.2 points for 300 prompts), below what the dashboard shows.
 */
export const BOOTSTRAP_RESAMPLES = 2000;
export const BOOTSTRAP_LEVEL = 0.95;

export interface BootstrapOptions {
  /** PRNG seed: same seed and data, same interval. */
  seed?: number;
  /** Bootstrap resamples (BOOTSTRAP_RESAMPLES by default). */
  resamples?: number;
  /** Two-sided confidence level. */
  level?: number;
}

export interface ShareIntervals {
  win: Interval;
  tie: Interval;
  loss: Interval;
  /** "Equal or better": win + tie, the share the paper quotes. */
  equalOrBetter: Interval;
  /** Clusters (prompts) with at least one verdict: the bootstrap's real sample size. */
  clusters: number;
  judgments: number;
  resamples: number;
  seed: number;
  level: number;
}

/** Linear-interpolation quantile of sorted values (R's default, type 7). */
export function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Shares are of all judgments (a ratio estimator: total wins / total judgments in the resample),
 * matching how the paper and rates.ts count, so clusters with more raters weigh more. Returns
 * null when there is no judgment at all.
 */
export function bootstrapShares(clusters: readonly (readonly Verdict[])[], options: BootstrapOptions = {}): ShareIntervals | null {
  const counts = (verdict: Verdict, labels: readonly Verdict[]) => labels.filter((v) => v === verdict).length;
  return bootstrapSharesOfCounts(
    clusters.map((labels) => ({ wins: counts("win", labels), ties: counts("tie", labels), losses: counts("loss", labels) })),
    options,
  );
}

/** bootstrapShares from each cluster's counts of wins, ties and losses, in the same order. */
export function bootstrapSharesOfCounts(
  clusters: readonly { wins: number; ties: number; losses: number }[],
  options: BootstrapOptions = {},
): ShareIntervals | null {
  const { seed = 1, resamples = BOOTSTRAP_RESAMPLES, level = BOOTSTRAP_LEVEL } = options;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const judged = clusters.filter((cluster) => cluster.wins + cluster.ties + cluster.losses > 0);
  const c = judged.length;
  if (c === 0) return null;
  const wins = Int32Array.from(judged, (cluster) => cluster.wins);
  const ties = Int32Array.from(judged, (cluster) => cluster.ties);
  const sizes = Int32Array.from(judged, (cluster) => cluster.wins + cluster.ties + cluster.losses);
  const judgments = sizes.reduce((s, x) => s + x, 0);
  const totalWins = wins.reduce((s, x) => s + x, 0);
  const totalTies = ties.reduce((s, x) => s + x, 0);

  // A resample of c prompts drawn with replacement is fully described by how many prompts of each
  // distinct (wins, ties, size) it holds, and those counts are multinomial: drawn as a chain of
  // binomials, a resample costs one draw per distinct kind of prompt (a few dozen) instead of
  // one per prompt (tens of thousands in a large study), with the same distribution.
  const kinds = new Map<string, { wins: number; ties: number; size: number; prompts: number }>();
  for (let i = 0; i < c; i++) {
    const key = `${wins[i]},${ties[i]},${sizes[i]}`;
    const kind = kinds.get(key);
    if (kind) kind.prompts += 1;
    else kinds.set(key, { wins: wins[i], ties: ties[i], size: sizes[i], prompts: 1 });
  }
  const ordered = [...kinds.values()];
  const draw = binomial.factory({ prng: seededRandom(seed) });
  const win = new Float64Array(resamples);
  const tie = new Float64Array(resamples);
  const loss = new Float64Array(resamples);
  const better = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let w = 0;
    let t = 0;
    let n = 0;
    let left = c;
    let remaining = c;
    for (const kind of ordered) {
      if (left === 0) break;
      const taken = kind.prompts >= remaining ? left : draw(left, kind.prompts / remaining);
      w += taken * kind.wins;
      t += taken * kind.ties;
      n += taken * kind.size;
      left -= taken;
      remaining -= kind.prompts;
    }
    win[b] = w / n;
    tie[b] = t / n;
    loss[b] = (n - w - t) / n;
    better[b] = (w + t) / n;
  }
  const alpha = (1 - level) / 2;
  const interval = (replicates: Float64Array, estimate: number): Interval => {
    replicates.sort();
    return { estimate, lower: quantile(replicates, alpha), upper: quantile(replicates, 1 - alpha) };
  };
  return {
    win: interval(win, totalWins / judgments),
    tie: interval(tie, totalTies / judgments),
    loss: interval(loss, (judgments - totalWins - totalTies) / judgments),
    equalOrBetter: interval(better, (totalWins + totalTies) / judgments),
    clusters: c,
    judgments,
    resamples,
    seed,
    level,
  };
}
