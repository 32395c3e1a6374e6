// A ranking of every system by Bradley–Terry, with percentile intervals from a bootstrap that
// resamples prompts (the comparisons on one prompt share its two responses, so they are not
// independent). Seeded, so the same data give the same intervals.
import { seededRandom } from "@/lib/random";
import { quantile } from "./bootstrap";
import { bradleyTerry, type Comparison } from "./bradley-terry";
import type { Interval } from "./interval";

export interface RankedSystem {
  system: string;
  /** ln strength (they sum to 0), with its interval. */
  logStrength: Interval;
}

export interface Ranking {
  systems: RankedSystem[];
  comparisons: number;
  prompts: number;
  resamples: number;
}

/** Adds up the comparisons of the same two systems. */
function merge(comparisons: Iterable<Comparison>): Comparison[] {
  const merged = new Map<string, Comparison>();
  for (const c of comparisons) {
    const key = `${c.a}\u0000${c.b}`;
    const sum = merged.get(key) ?? { a: c.a, b: c.b, aWins: 0, bWins: 0, ties: 0 };
    sum.aWins += c.aWins;
    sum.bWins += c.bWins;
    sum.ties = (sum.ties ?? 0) + (c.ties ?? 0);
    merged.set(key, sum);
  }
  return [...merged.values()];
}

/** `prompts`: each prompt's comparisons. Null when the data admit no fit. */
export function rankSystems(prompts: readonly (readonly Comparison[])[], { seed = 1, resamples = 200, level = 0.95 } = {}): Ranking | null {
  const fit = bradleyTerry(merge(prompts.flat()));
  if (!fit.ok) return null;
  const random = seededRandom(seed);
  const draws = new Map(fit.ranking.map((system) => [system, [] as number[]]));
  for (let b = 0; b < resamples; b++) {
    const sample = Array.from({ length: prompts.length }, () => prompts[Math.floor(random() * prompts.length)]);
    const refit = bradleyTerry(merge(sample.flat()));
    // A resample with no fit (one system never losing in it) says nothing about the spread: skip it.
    if (!refit.ok) continue;
    for (const [system, values] of draws) values.push(refit.logStrengths[system] ?? Number.NaN);
  }
  const alpha = (1 - level) / 2;
  return {
    systems: fit.ranking.map((system) => {
      const sorted = Float64Array.from(draws.get(system)!.filter(Number.isFinite)).sort();
      const estimate = fit.logStrengths[system];
      return { system, logStrength: sorted.length ? { estimate, lower: quantile(sorted, alpha), upper: quantile(sorted, 1 - alpha) } : { estimate, lower: estimate, upper: estimate } };
    }),
    comparisons: fit.comparisons,
    prompts: prompts.length,
    resamples,
  };
}
