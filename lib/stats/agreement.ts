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

/**
 * Items that received the same labels, counted once: counts[c] = labels in category c on each
 * item, times = how many such items. A study's pairs fall into a few dozen such groups, so
 * agreement over a hundred thousand pairs costs a few dozen steps.
 */
export interface LabelGroup {
  counts: readonly number[];
  times: number;
}

const VERDICTS: readonly Verdict[] = ["win", "tie", "loss"];

/** Each item's labels as counts per category, in `categories`' order; one group per item. */
function groupsOf<T>(items: readonly (readonly T[])[], categories: readonly T[]): LabelGroup[] {
  return items.map((labels) => ({ counts: categories.map((c) => labels.filter((label) => label === c).length), times: 1 }));
}

function checkGroup(group: LabelGroup) {
  if (group.counts.some((x) => !Number.isInteger(x) || x < 0)) throw new RangeError("counts must be non-negative integers");
  if (!Number.isInteger(group.times) || group.times < 0) throw new RangeError("times must be a non-negative integer");
}

/**
 * The LIMA paper's tie-discounted accuracy. Each item (one prompt's pair, with every label it
 * received) scores the mean over all pairs of its labels (1 if two labels agree, ½ if exactly one
 * is "tie", 0 if win vs loss); the result is the mean over items. So an item with five raters
 * weighs as much as one with two, as in "averaged over items"; with the same number of labels per
 * item this equals the mean over all annotator pairs.
 */
export function tieDiscountedAccuracy(items: readonly (readonly Verdict[])[]): TieDiscountedAccuracy {
  return tieDiscountedAccuracyOfGroups(groupsOf(items, VERDICTS));
}

/** tieDiscountedAccuracy from groups whose counts are [wins, ties, losses]. */
export function tieDiscountedAccuracyOfGroups(groups: readonly LabelGroup[]): TieDiscountedAccuracy {
  let total = 0;
  let used = 0;
  let pairs = 0;
  for (const group of groups) {
    checkGroup(group);
    const [win = 0, tie = 0, loss = 0] = group.counts;
    const n = win + tie + loss;
    if (n < 2 || group.times === 0) continue;
    const count = (n * (n - 1)) / 2;
    const agreeing = (win * (win - 1) + tie * (tie - 1) + loss * (loss - 1)) / 2;
    total += group.times * ((agreeing + 0.5 * tie * (win + loss)) / count);
    used += group.times;
    pairs += group.times * count;
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
  return fleissKappaOfGroups(counts.map((row) => ({ counts: row, times: 1 })));
}

/** fleissKappa from groups of items with the same counts. */
export function fleissKappaOfGroups(groups: readonly LabelGroup[]): KappaResult {
  const categories = groups.reduce((max, group) => Math.max(max, group.counts.length), 0);
  const share = new Array<number>(categories).fill(0);
  let rated = 0;
  let agreement = 0;
  let items = 0;
  for (const { counts: row, times } of groups) {
    checkGroup({ counts: row, times });
    const n = row.reduce((s, x) => s + x, 0);
    if (n === 0 || times === 0) continue;
    rated += times;
    row.forEach((x, c) => (share[c] += (times * x) / n));
    if (n < 2) continue;
    agreement += (times * row.reduce((s, x) => s + x * (x - 1), 0)) / (n * (n - 1));
    items += times;
  }
  if (items === 0) return { value: null, observed: null, expected: null, items: 0 };
  const observed = agreement / items;
  const expected = share.reduce((s, x) => s + (x / rated) ** 2, 0);
  return { value: expected === 1 ? null : (observed - expected) / (1 - expected), observed, expected, items };
}

export interface AlphaResult {
  value: number | null;
  /**
   * Observed disagreement D_o: the mean δ² over pairable value pairs, which for nominal data is
   * the share of mismatching pairs.
   */
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
  return krippendorffAlphaNominalOfGroups(groupsOf(units, [...new Set(units.flat())]));
}

/**
 * The coincidence matrix of groups of units (o_cd: pairs of values c and d within units, each
 * pair 1/(m − 1) for a unit of m values), its marginals n_c, the values paired (n) and the
 * pairable units. Units with fewer than two values are left out.
 */
function coincidences(groups: readonly LabelGroup[], categories: number) {
  const coincidence = Array.from({ length: categories }, () => new Array<number>(categories).fill(0));
  const marginal = new Array<number>(categories).fill(0);
  let n = 0;
  let used = 0;
  for (const group of groups) {
    checkGroup(group);
    const m = group.counts.reduce((s, x) => s + x, 0);
    if (m < 2 || group.times === 0) continue;
    used += group.times;
    n += group.times * m;
    group.counts.forEach((a, c) => {
      marginal[c] += group.times * a;
      // A value is not paired with itself: against its own category it has a − 1 partners.
      group.counts.forEach((b, d) => (coincidence[c][d] += (group.times * a * (c === d ? b - 1 : b)) / (m - 1)));
    });
  }
  return { coincidence, marginal, n, used };
}

/** krippendorffAlphaNominal from groups of units with the same counts per value. */
export function krippendorffAlphaNominalOfGroups(groups: readonly LabelGroup[]): AlphaResult {
  // For nominal data only the diagonal of the coincidence matrix matters: o_cc and n_c.
  const { coincidence, marginal, n, used } = coincidences(groups, groups.reduce((max, group) => Math.max(max, group.counts.length), 0));
  const diagonal = coincidence.map((row, c) => row[c]);
  if (used === 0) return { value: null, observedDisagreement: null, expectedDisagreement: null, units: 0, values: 0 };
  const agreeing = diagonal.reduce((s, o) => s + o, 0);
  const chanceAgreeing = marginal.reduce((s, nc) => s + nc * (nc - 1), 0);
  const observedDisagreement = (n - agreeing) / n;
  const expectedDisagreement = (n * (n - 1) - chanceAgreeing) / (n * (n - 1));
  const value = expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement;
  return { value, observedDisagreement, expectedDisagreement, units: used, values: n };
}

export type AlphaMetric = "nominal" | "ordinal" | "interval";

/**
 * Krippendorff's alpha for numeric values under the given metric: Likert scores are ordinal (or
 * interval, if the steps are taken as equal), where a 5 against a 6 is a smaller disagreement
 * than a 1 against a 6, which nominal alpha cannot see. Each unit lists the values it received;
 * units with fewer than two are dropped, as in krippendorffAlphaNominal.
 */
export function krippendorffAlpha(units: readonly (readonly number[])[], metric: AlphaMetric): AlphaResult {
  if (units.some((unit) => unit.some((v) => !Number.isFinite(v)))) throw new RangeError("values must be finite numbers");
  const values = [...new Set(units.flat())].sort((a, b) => a - b);
  return krippendorffAlphaOfGroups(groupsOf(units, values), values, metric);
}

/**
 * krippendorffAlpha from groups of units: counts[c] = values equal to values[c] a unit received.
 * `values` must be strictly ascending, since the ordinal metric reads ranks from their order;
 * a scale's unused values may be listed, they change nothing. With o_ck the coincidence matrix
 * and n_c its marginals (Krippendorff 2011):
 *   D_o = Σ_c Σ_k o_ck δ²_ck / n,  D_e = Σ_c Σ_k n_c n_k δ²_ck / (n(n − 1)),
 *   ordinal δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²,  interval δ²_ck = (v_c − v_k)².
 */
export function krippendorffAlphaOfGroups(groups: readonly LabelGroup[], values: readonly number[], metric: AlphaMetric): AlphaResult {
  if (values.some((v, i) => !Number.isFinite(v) || (i > 0 && !(v > values[i - 1])))) {
    throw new RangeError("values must be finite and strictly ascending");
  }
  if (groups.some((group) => group.counts.length > values.length)) throw new RangeError("a group has more counts than there are values");
  // The results page's nominal α comes from this function; delegating keeps its digits unchanged.
  if (metric === "nominal") return krippendorffAlphaNominalOfGroups(groups);
  if (metric !== "ordinal" && metric !== "interval") throw new RangeError(`unknown metric ${String(metric)}`);
  const k = values.length;
  const { coincidence, marginal, n, used } = coincidences(groups, k);
  if (used === 0) return { value: null, observedDisagreement: null, expectedDisagreement: null, units: 0, values: 0 };
  // Ordinal distances are in ranks of the pooled values, so they need the marginals first.
  const below = [0];
  marginal.forEach((x, c) => below.push(below[c] + x));
  const delta2 = (c: number, d: number) => {
    if (metric === "interval") return (values[c] - values[d]) ** 2;
    const [lo, hi] = c < d ? [c, d] : [d, c];
    return (below[hi + 1] - below[lo] - (marginal[c] + marginal[d]) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      const distance = delta2(c, d);
      observed += coincidence[c][d] * distance;
      expected += marginal[c] * marginal[d] * distance;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
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

/** A study's (or one baseline's) agreement as the results page shows it, from its pairs' verdict counts. */
export interface Agreement {
  tieDiscountedAccuracy: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  /** Pairs judged by two raters or more, which every coefficient rests on, and the rater pairs among them. */
  items: number;
  raterPairs: number;
}

/**
 * The three coefficients of pairs grouped by their counts of [wins, ties, losses]. Groups of
 * pairs judged once belong in the input: they show no agreement, but Fleiss' κ counts them in
 * how often each verdict is used.
 */
export function studyAgreement(groups: readonly LabelGroup[]): Agreement {
  const tda = tieDiscountedAccuracyOfGroups(groups);
  return {
    tieDiscountedAccuracy: tda.value,
    fleissKappa: fleissKappaOfGroups(groups).value,
    krippendorffAlpha: krippendorffAlphaNominalOfGroups(groups).value,
    items: tda.items,
    raterPairs: tda.pairs,
  };
}
