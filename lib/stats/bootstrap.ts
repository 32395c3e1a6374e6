// Percentile bootstrap of win / tie / loss shares that resamples prompts, not judgments. The k
// raters of one prompt judge the same two responses, so their verdicts are correlated; resampling
// single judgments would treat them as independent and give intervals that are too narrow.
// Seeded, so the dashboard shows the same interval on every load for the same data.
import type { Verdict } from "@/lib/assign/policy";
import { seededRandom } from "@/lib/random";
import { drawBinomial } from "./binomial";
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

/** Clusters that gave the same counts, counted once: `prompts` is how many there are. */
export interface ClusterKind {
  wins: number;
  ties: number;
  losses: number;
  prompts: number;
}

/** bootstrapShares from each cluster's counts of wins, ties and losses. */
export function bootstrapSharesOfCounts(
  clusters: readonly { wins: number; ties: number; losses: number }[],
  options: BootstrapOptions = {},
): ShareIntervals | null {
  const kinds = new Map<string, ClusterKind>();
  for (const { wins, ties, losses } of clusters) {
    const key = `${wins},${ties},${losses}`;
    const kind = kinds.get(key);
    if (kind) kind.prompts += 1;
    else kinds.set(key, { wins, ties, losses, prompts: 1 });
  }
  return bootstrapSharesOfKinds([...kinds.values()], options);
}

/**
 * bootstrapShares from the kinds of cluster and how many of each there are: what the results
 * page reads from Postgres, a few dozen rows however many prompts. The kinds are put in one
 * order first, so the same data give the same interval in whatever order they come.
 */
export function bootstrapSharesOfKinds(kinds: readonly ClusterKind[], options: BootstrapOptions = {}): ShareIntervals | null {
  const { seed = 1, resamples = BOOTSTRAP_RESAMPLES, level = BOOTSTRAP_LEVEL } = options;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  for (const kind of kinds) {
    if ([kind.wins, kind.ties, kind.losses, kind.prompts].some((x) => !Number.isInteger(x) || x < 0)) {
      throw new RangeError("a kind's counts must be non-negative integers");
    }
  }
  const ordered = kinds
    .filter((kind) => kind.prompts > 0 && kind.wins + kind.ties + kind.losses > 0)
    .map((kind) => ({ wins: kind.wins, ties: kind.ties, size: kind.wins + kind.ties + kind.losses, prompts: kind.prompts }))
    .sort((a, b) => a.size - b.size || a.wins - b.wins || a.ties - b.ties);
  const c = ordered.reduce((sum, kind) => sum + kind.prompts, 0);
  if (c === 0) return null;
  const judgments = ordered.reduce((sum, kind) => sum + kind.prompts * kind.size, 0);
  const totalWins = ordered.reduce((sum, kind) => sum + kind.prompts * kind.wins, 0);
  const totalTies = ordered.reduce((sum, kind) => sum + kind.prompts * kind.ties, 0);

  // A resample of c prompts drawn with replacement is fully described by how many prompts of each
  // kind it holds, and those counts are multinomial: drawn as a chain of binomials, a resample
  // costs one draw per kind of prompt (a few dozen) instead of one per prompt (tens of thousands
  // in a large study), with the same distribution.
  const random = seededRandom(seed);
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
      const taken = kind.prompts >= remaining ? left : drawBinomial(left, kind.prompts / remaining, random);
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
