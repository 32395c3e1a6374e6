// Inter-rater agreement. The LIMA paper reports only tie-discounted accuracy; the chance-corrected
// coefficients are here because raw agreement on a three-way choice can look high merely because
// raters favour one option. Every function says how many items it rests on: a coefficient from
// a dozen shared items should be shown as such. A value is null when it is undefined (nothing
// to compare, or chance agreement is already perfect, 0/0).
import type { Verdict } from "@/lib/assign/policy";

export interface TieDiscountedAccuracy {
  value: number | null;
  /** Items with at least two labels. */
  items: number;
  /** Annotator pairs scored, summed over those items. */
  pairs: number;
}

/** LIMA's per-pair score: 1 if the labels agree, ½ if exactly one is "tie", 0 if win vs loss. */
function pairScore(a: Verdict, b: Verdict): number {
  if (a === b) return 1;
  return a === "tie" || b === "tie" ? 0.5 : 0;
}

/**
 * The LIMA paper's tie-discounted accuracy. Each item (one prompt's pair, with every label it
 * received) scores the mean over all pairs of its labels; the result is the mean over items. So
 * an item with five raters weighs as much as one with two, as in "averaged over items"; with the
 * same number of labels per item this equals the mean over all annotator pairs.
 */
export function tieDiscountedAccuracy(items: readonly (readonly Verdict[])[]): TieDiscountedAccuracy {
  let total = 0;
  let used = 0;
  let pairs = 0;
  for (const labels of items) {
    if (labels.length < 2) continue;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        sum += pairScore(labels[i], labels[j]);
        count++;
      }
    }
    total += sum / count;
    used++;
    pairs += count;
  }
  return { value: used === 0 ? null : total / used, items: used, pairs };
}

export interface KappaResult {
  value: number | null;
  /** Observed agreement. */
  observed: number | null;
  /** Agreement expected by chance. */
  expected: number | null;
  /** Items (subjects) the coefficient rests on. */
  items: number;
}

/**
 * Fleiss' kappa from counts: counts[i][c] = raters who put item i in category c. Items may have
 * different numbers of raters: this is Fleiss' kappa as generalised by Gwet (Handbook of
 * Inter-Rater Reliability, 4th ed., 2014; R package irrCAC's fleiss.kappa.raw), which reduces to
 * Fleiss (1971) when the counts are equal:
 *   observed = mean over items with ≥ 2 ratings of Σ_c n_ic(n_ic − 1) / (n_i(n_i − 1)),
 *   expected = Σ_c π_c², with π_c the mean over rated items of n_ic / n_i.
 * An item rated once cannot show agreement but still says how often a category is used, hence
 * it counts towards π only. `items` is the number of items with ≥ 2 ratings.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): KappaResult {
  const categories = counts.reduce((max, row) => Math.max(max, row.length), 0);
  const share = new Array<number>(categories).fill(0);
  let rated = 0;
  let agreement = 0;
  let items = 0;
  for (const row of counts) {
    const n = row.reduce((s, x) => s + x, 0);
    if (row.some((x) => !Number.isInteger(x) || x < 0)) throw new RangeError("counts must be non-negative integers");
    if (n === 0) continue;
    rated++;
    row.forEach((x, c) => (share[c] += x / n));
    if (n < 2) continue;
    agreement += row.reduce((s, x) => s + x * (x - 1), 0) / (n * (n - 1));
    items++;
  }
  if (items === 0) return { value: null, observed: null, expected: null, items: 0 };
  const observed = agreement / items;
  const expected = share.reduce((s, x) => s + (x / rated) ** 2, 0);
  return { value: expected === 1 ? null : (observed - expected) / (1 - expected), observed, expected, items };
}

export interface AlphaResult {
  value: number | null;
  /** Observed disagreement D_o (share of mismatching pairable value pairs). */
  observedDisagreement: number | null;
  /** Disagreement expected by chance D_e. */
  expectedDisagreement: number | null;
  /** Units with at least two values (pairable units). */
  units: number;
  /** Values in those units. */
  values: number;
}

/**
 * Krippendorff's alpha for nominal data, α = 1 − D_o/D_e, via the coincidence matrix
 * (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011). Each unit lists the values
 * it received; missing ones are simply absent, which is how alpha handles incomplete designs
 * such as ours, where every pair has its own set of raters. Units with fewer than two values
 * cannot be paired and are dropped.
 */
export function krippendorffAlphaNominal<T>(units: readonly (readonly T[])[]): AlphaResult {
  // For nominal data only the diagonal of the coincidence matrix matters: o_cc and n_c.
  const diagonal = new Map<T, number>();
  const marginal = new Map<T, number>();
  let n = 0;
  let used = 0;
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    used++;
    n += m;
    const counts = new Map<T, number>();
    for (const v of unit) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [v, c] of counts) {
      // Each ordered pair of values within a unit adds 1/(m − 1) to the coincidence matrix.
      diagonal.set(v, (diagonal.get(v) ?? 0) + (c * (c - 1)) / (m - 1));
      marginal.set(v, (marginal.get(v) ?? 0) + c);
    }
  }
  if (used === 0) return { value: null, observedDisagreement: null, expectedDisagreement: null, units: 0, values: 0 };
  let agreeing = 0;
  for (const o of diagonal.values()) agreeing += o;
  let chanceAgreeing = 0;
  for (const nc of marginal.values()) chanceAgreeing += nc * (nc - 1);
  const observedDisagreement = (n - agreeing) / n;
  const expectedDisagreement = (n * (n - 1) - chanceAgreeing) / (n * (n - 1));
  const value = expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement;
  return { value, observedDisagreement, expectedDisagreement, units: used, values: n };
}

/**
 * Cohen's kappa for two raters from a k×k table: table[r][c] = items rater 1 put in category r and
 * rater 2 in category c. Chance agreement uses each rater's own marginals (Cohen 1960), which is
 * what separates it from Scott's pi / Fleiss' kappa.
 */
export function cohenKappa(table: readonly (readonly number[])[]): KappaResult {
  const k = table.length;
  if (table.some((row) => row.length !== k)) throw new RangeError("the table must be square");
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  let n = 0;
  let diagonal = 0;
  table.forEach((row, r) =>
    row.forEach((x, c) => {
      if (!(x >= 0)) throw new RangeError("counts must be non-negative");
      rows[r] += x;
      cols[c] += x;
      n += x;
      if (r === c) diagonal += x;
    }),
  );
  if (n === 0) return { value: null, observed: null, expected: null, items: 0 };
  const observed = diagonal / n;
  const expected = rows.reduce((s, x, i) => s + (x / n) * (cols[i] / n), 0);
  return { value: expected === 1 ? null : (observed - expected) / (1 - expected), observed, expected, items: n };
}
