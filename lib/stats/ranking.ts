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

/**
 * Each prompt's comparisons as one row of counts per pair of systems (a wins, b wins, ties), all
 * rows in one typed array, so a resample adds up contiguous numbers. With objects per comparison,
 * scattered over the heap, 200 resamples of 20,000 prompts took 1.5 s, most of it cache misses.
 */
export interface PromptTable {
  /** The pairs of systems compared, in the order of each row's triples. */
  pairs: readonly { a: string; b: string }[];
  prompts: number;
  /** prompts × pairs × (a wins, b wins, ties). */
  counts: Int32Array;
}

export function emptyPromptTable(pairs: readonly { a: string; b: string }[], prompts: number): PromptTable {
  return { pairs, prompts, counts: new Int32Array(prompts * pairs.length * 3) };
}

/** The table of prompts given as lists of comparisons. */
export function promptTable(prompts: readonly (readonly Comparison[])[]): PromptTable {
  const keys = new Map<string, number>();
  const pairs: { a: string; b: string }[] = [];
  for (const comparisons of prompts) {
    for (const c of comparisons) {
      const key = `${c.a}\u0000${c.b}`;
      if (!keys.has(key)) {
        keys.set(key, pairs.length);
        pairs.push({ a: c.a, b: c.b });
      }
    }
  }
  const table = emptyPromptTable(pairs, prompts.length);
  prompts.forEach((comparisons, i) => {
    for (const c of comparisons) addComparison(table, i, keys.get(`${c.a}\u0000${c.b}`)!, c.aWins, c.bWins, c.ties ?? 0);
  });
  return table;
}

export function addComparison(table: PromptTable, prompt: number, pair: number, aWins: number, bWins: number, ties: number) {
  const at = (prompt * table.pairs.length + pair) * 3;
  table.counts[at] += aWins;
  table.counts[at + 1] += bWins;
  table.counts[at + 2] += ties;
}

/**
 * The comparisons of the prompts taken `times[i]` times each (every one once, or a resample's
 * multiplicities), added up per pair of systems. A pair no taken prompt compares adds up to
 * nothing, which the fit leaves out.
 */
function summed(table: PromptTable, times: Int32Array | null): Comparison[] {
  const { pairs, counts } = table;
  const width = pairs.length * 3;
  const sums = new Float64Array(width);
  for (let i = 0; i < table.prompts; i++) {
    const m = times ? times[i] : 1;
    if (m === 0) continue;
    const row = i * width;
    for (let k = 0; k < width; k++) sums[k] += m * counts[row + k];
  }
  return pairs.map(({ a, b }, index) => ({ a, b, aWins: sums[index * 3], bWins: sums[index * 3 + 1], ties: sums[index * 3 + 2] }));
}

/** `prompts`: each prompt's comparisons. Null when the data admit no fit. */
export function rankSystems(prompts: readonly (readonly Comparison[])[], options: RankingOptions = {}): Ranking | null {
  return rankPromptTable(promptTable(prompts), options);
}

export interface RankingOptions {
  seed?: number;
  resamples?: number;
  level?: number;
}

export function rankPromptTable(table: PromptTable, { seed = 1, resamples = 200, level = 0.95 }: RankingOptions = {}): Ranking | null {
  const fit = bradleyTerry(summed(table, null));
  if (!fit.ok) return null;
  const random = seededRandom(seed);
  const draws = new Map(fit.ranking.map((system) => [system, [] as number[]]));
  // A resample as how often each prompt is drawn: the same draws as adding up prompt by prompt,
  // in half the time.
  const times = new Int32Array(table.prompts);
  for (let b = 0; b < resamples; b++) {
    times.fill(0);
    for (let i = 0; i < table.prompts; i++) times[Math.floor(random() * table.prompts)]++;
    const refit = bradleyTerry(summed(table, times));
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
    prompts: table.prompts,
    resamples,
  };
}
