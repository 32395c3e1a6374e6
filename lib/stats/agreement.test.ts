import { describe, expect, it } from "vitest";
import {
  cohenKappa,
  fleissKappa,
  fleissKappaOfGroups,
  krippendorffAlpha,
  krippendorffAlphaNominal,
  krippendorffAlphaNominalOfGroups,
  krippendorffAlphaOfGroups,
  tieDiscountedAccuracy,
  tieDiscountedAccuracyOfGroups,
  type LabelGroup,
} from "./agreement";

describe("tieDiscountedAccuracy (LIMA)", () => {
  it("scores agreement 1, one tie ½, win against loss 0, averaged over items", () => {
    // Items: (win, win) → 1; (win, tie) → ½; (win, loss) → 0; (tie, tie) → 1 (same label).
    // Mean = (1 + 0.5 + 0 + 1) / 4 = 0.625, over 4 items and 4 annotator pairs.
    const r = tieDiscountedAccuracy([
      ["win", "win"],
      ["win", "tie"],
      ["win", "loss"],
      ["tie", "tie"],
    ]);
    expect(r).toEqual({ value: 0.625, items: 4, pairs: 4 });
  });

  it("averages over every pair of an item's raters, then over items", () => {
    // (win, tie, loss): pairs w–t ½, w–l 0, t–l ½ → 1/3.
    // (loss, loss, loss, tie): 3 pairs l–l = 1, 3 pairs l–t = ½ → (3 + 1.5) / 6 = 0.75.
    // (win) alone has no pair and is dropped. Mean = (1/3 + 0.75) / 2 = 13/24; pairs 3 + 6 = 9.
    const r = tieDiscountedAccuracy([["win", "tie", "loss"], ["loss", "loss", "loss", "tie"], ["win"]]);
    expect(r.value).toBeCloseTo(13 / 24, 14);
    expect(r).toMatchObject({ items: 2, pairs: 9 });
  });

  it("is null when no item has two labels", () => {
    expect(tieDiscountedAccuracy([["win"], []])).toEqual({ value: null, items: 0, pairs: 0 });
  });
});

// Fleiss (1971)'s worked example: 10 subjects × 14 raters × 5 categories, as reproduced in
// Wikipedia's "Fleiss' kappa".
const FLEISS_1971 = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe("fleissKappa", () => {
  it("gives Fleiss (1971)'s worked example: P̄ = 0.378, P̄e = 0.213, κ = 0.210", () => {
    const r = fleissKappa(FLEISS_1971);
    expect(r.observed).toBeCloseTo(0.378, 3);
    expect(r.expected).toBeCloseTo(0.213, 3);
    expect(r.value).toBeCloseTo(0.21, 3);
    expect(r.items).toBe(10);
  });

  it("handles unequal numbers of raters as Gwet does (irrCAC on Krippendorff's data: κ = 0.76117)", () => {
    // Krippendorff's 4 coders × 12 units (below) as category counts; irrCAC's README reports
    // fleiss.kappa.raw(cac.raw4raters): pa = 0.8181818, pe = 0.2387153, coeff = 0.76117.
    const counts = KRIPPENDORFF_UNITS.map((unit) => [1, 2, 3, 4, 5].map((c) => unit.filter((v) => v === c).length));
    const r = fleissKappa(counts);
    expect(r.observed).toBeCloseTo(0.8181818, 7);
    expect(r.expected).toBeCloseTo(0.2387153, 7);
    expect(r.value).toBeCloseTo(0.76117, 5);
    expect(r.items).toBe(11); // unit 12 has one rating
  });

  it("is null when every rating falls in one category (chance agreement is already 1)", () => {
    expect(fleissKappa([[3, 0], [2, 0]]).value).toBeNull();
    expect(fleissKappa([]).items).toBe(0);
  });
});

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", nominal example with missing
// values; coders A–D by unit, "." (missing) left out.
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
const KRIPPENDORFF_UNITS = A.map((_, u) => [A[u], B[u], C[u], D[u]].filter((v): v is number => v !== null));

describe("krippendorffAlphaNominal", () => {
  it("gives Krippendorff (2011)'s worked nominal example: α = 0.743", () => {
    const r = krippendorffAlphaNominal(KRIPPENDORFF_UNITS);
    expect(r.value).toBeCloseTo(0.743, 3);
    // irrCAC's krippen.alpha.raw on the same data: 0.74342.
    expect(r.value).toBeCloseTo(0.74342, 5);
    // Unit 12 has a single value and is dropped: 11 pairable units holding 40 values (n.. = 40).
    expect(r).toMatchObject({ units: 11, values: 40 });
  });

  it("is 1 for perfect agreement and null when there is nothing to pair", () => {
    expect(krippendorffAlphaNominal([["a", "a"], ["b", "b", "b"]]).value).toBe(1);
    expect(krippendorffAlphaNominal([["a"], []])).toMatchObject({ value: null, units: 0 });
  });
});

describe("cohenKappa", () => {
  it("gives Wikipedia's example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4", () => {
    // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5 = 0.4.
    const r = cohenKappa([
      [20, 5],
      [10, 15],
    ]);
    expect(r.value).toBeCloseTo(0.4, 14);
    expect(r).toMatchObject({ items: 50 });
    expect(r.observed).toBeCloseTo(0.7, 14);
    expect(r.expected).toBeCloseTo(0.5, 14);
  });

  it("gives irrCAC's 3×3 example (cont3x3abstractors): κ = 0.7964094", () => {
    const r = cohenKappa([
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ]);
    expect(r.value).toBeCloseTo(0.7964094, 7);
    expect(r.items).toBe(100);
  });

  it("rejects a table that is not square and is null when empty", () => {
    expect(() => cohenKappa([[1, 2]])).toThrow(RangeError);
    expect(cohenKappa([[0, 0], [0, 0]]).value).toBeNull();
  });
});

// The results page reads a study's pairs grouped by their counts of each verdict; the same
// published values must come out when identical items are merged into one group.
describe("the same coefficients from groups of identical items", () => {
  /** Items as groups: identical count rows merged, with how many there were. */
  const grouped = (rows: number[][]): LabelGroup[] => {
    const groups = new Map<string, LabelGroup>();
    for (const counts of rows) {
      const key = counts.join(",");
      groups.set(key, { counts, times: (groups.get(key)?.times ?? 0) + 1 });
    }
    return [...groups.values()];
  };
  const krippendorffCounts = KRIPPENDORFF_UNITS.map((unit) => [1, 2, 3, 4, 5].map((c) => unit.filter((v) => v === c).length));

  it("gives Krippendorff's α = 0.74342 and irrCAC's κ = 0.76117 with his duplicated units merged", () => {
    const groups = grouped(krippendorffCounts);
    expect(groups.length).toBeLessThan(krippendorffCounts.length);
    expect(krippendorffAlphaNominalOfGroups(groups).value).toBeCloseTo(0.74342, 5);
    expect(krippendorffAlphaNominalOfGroups(groups)).toMatchObject({ units: 11, values: 40 });
    expect(fleissKappaOfGroups(groups).value).toBeCloseTo(0.76117, 5);
    expect(fleissKappaOfGroups(groups).items).toBe(11);
  });

  it("gives Fleiss (1971)'s κ = 0.210 with each subject repeated, as one group each", () => {
    const r = fleissKappaOfGroups(FLEISS_1971.map((counts) => ({ counts, times: 3 })));
    expect(r.value).toBeCloseTo(0.21, 3);
    expect(r.items).toBe(30);
  });

  it("gives the hand-computed tie-discounted accuracy, weighting each group by its items", () => {
    // (win, tie, loss) → 1/3 twice; (loss ×3, tie) → 0.75 once; (win) alone dropped.
    // Mean over the 3 items = (2/3 + 0.75) / 3 = 17/36; pairs 3 + 3 + 6 = 12.
    const r = tieDiscountedAccuracyOfGroups([
      { counts: [1, 1, 1], times: 2 },
      { counts: [0, 1, 3], times: 1 },
      { counts: [1, 0, 0], times: 4 },
    ]);
    expect(r.value).toBeCloseTo(17 / 36, 14);
    expect(r).toMatchObject({ items: 3, pairs: 12 });
  });

  it("rejects counts or multiplicities that are not non-negative integers", () => {
    expect(() => tieDiscountedAccuracyOfGroups([{ counts: [1, -1, 2], times: 1 }])).toThrow(RangeError);
    expect(() => fleissKappaOfGroups([{ counts: [1, 1], times: 0.5 }])).toThrow(RangeError);
  });
});

// The same example as ordinal and interval data. Published (Krippendorff 2011): α = 0.743 nominal,
// 0.815 ordinal, 0.849 interval. The longer digits and D_o, D_e come from the exact computation in
// reference/krippendorff_alpha.py, written from the paper's formulas.
describe("krippendorffAlpha (nominal, ordinal, interval)", () => {
  const SCALE = [1, 2, 3, 4, 5];
  const counts = KRIPPENDORFF_UNITS.map((unit) => SCALE.map((c) => unit.filter((v) => v === c).length));

  it("gives Krippendorff (2011)'s published α: 0.743 nominal, 0.815 ordinal, 0.849 interval", () => {
    expect(krippendorffAlpha(KRIPPENDORFF_UNITS, "nominal").value).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(KRIPPENDORFF_UNITS, "ordinal").value).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(KRIPPENDORFF_UNITS, "interval").value).toBeCloseTo(0.849, 3);
  });

  it("matches the reference script's D_o and D_e, on 11 pairable units holding 40 values", () => {
    const ordinal = krippendorffAlpha(KRIPPENDORFF_UNITS, "ordinal");
    expect(ordinal.value).toBeCloseTo(0.8153875038, 9);
    expect(ordinal.observedDisagreement).toBeCloseTo(47.275, 9);
    expect(ordinal.expectedDisagreement).toBeCloseTo(256.0769230769, 9);
    const interval = krippendorffAlpha(KRIPPENDORFF_UNITS, "interval");
    expect(interval.value).toBeCloseTo(0.8491071429, 9);
    expect(interval.observedDisagreement).toBeCloseTo(0.4333333333, 9);
    expect(interval.expectedDisagreement).toBeCloseTo(2.8717948718, 9);
    expect(ordinal).toMatchObject({ units: 11, values: 40 });
    expect(interval).toMatchObject({ units: 11, values: 40 });
  });

  it("gives the nominal function's result unchanged for the nominal metric", () => {
    expect(krippendorffAlphaOfGroups(counts.map((row) => ({ counts: row, times: 1 })), SCALE, "nominal")).toEqual(
      krippendorffAlphaNominalOfGroups(counts.map((row) => ({ counts: row, times: 1 }))),
    );
    expect(krippendorffAlpha(KRIPPENDORFF_UNITS, "nominal").value).toBeCloseTo(krippendorffAlphaNominal(KRIPPENDORFF_UNITS).value!, 14);
  });

  it("gives the same result from groups of identical units as from the units", () => {
    const groups = new Map<string, LabelGroup>();
    for (const row of counts) groups.set(row.join(","), { counts: row, times: (groups.get(row.join(","))?.times ?? 0) + 1 });
    expect(groups.size).toBeLessThan(counts.length);
    for (const metric of ["nominal", "ordinal", "interval"] as const) {
      const fromUnits = krippendorffAlpha(KRIPPENDORFF_UNITS, metric);
      const fromGroups = krippendorffAlphaOfGroups([...groups.values()], SCALE, metric);
      expect(fromGroups.value).toBeCloseTo(fromUnits.value!, 12);
      expect(fromGroups.observedDisagreement).toBeCloseTo(fromUnits.observedDisagreement!, 12);
      expect(fromGroups.expectedDisagreement).toBeCloseTo(fromUnits.expectedDisagreement!, 12);
      expect(fromGroups).toMatchObject({ units: 11, values: 40 });
    }
  });

  it("ignores a unit with one value, and values of the scale nobody used", () => {
    // Unit 12 of the example (a lone 3) is already dropped; a lone 5 or 6 must change nothing either.
    const base = krippendorffAlpha(KRIPPENDORFF_UNITS, "ordinal");
    expect(krippendorffAlpha([...KRIPPENDORFF_UNITS, [5], [6]], "ordinal")).toEqual(base);
    const wider = krippendorffAlphaOfGroups(counts.map((row) => ({ counts: [...row, 0], times: 1 })), [...SCALE, 6], "ordinal");
    expect(wider.value).toBeCloseTo(base.value!, 12);
    const interval = krippendorffAlpha(KRIPPENDORFF_UNITS, "interval");
    expect(krippendorffAlpha([...KRIPPENDORFF_UNITS, [1]], "interval")).toEqual(interval);
  });

  it("is 1 for perfect agreement, null when every value is the same (D_e = 0) or nothing pairs", () => {
    expect(krippendorffAlpha([[1, 1], [3, 3, 3], [6, 6]], "ordinal").value).toBe(1);
    expect(krippendorffAlpha([[1, 1], [3, 3, 3], [6, 6]], "interval").value).toBe(1);
    for (const metric of ["ordinal", "interval"] as const) {
      expect(krippendorffAlpha([[4, 4], [4, 4, 4]], metric)).toMatchObject({ value: null, observedDisagreement: 0, expectedDisagreement: 0, units: 2, values: 5 });
      expect(krippendorffAlpha([[4], []], metric)).toEqual({ value: null, observedDisagreement: null, expectedDisagreement: null, units: 0, values: 0 });
    }
  });

  it("ranks by order only for ordinal data, by distance for interval data", () => {
    // Stretching the top of the scale leaves ordinal α alone and moves interval α.
    const stretched = counts.map((row) => ({ counts: row, times: 1 }));
    const ordinal = krippendorffAlphaOfGroups(stretched, [1, 2, 3, 4, 50], "ordinal");
    expect(ordinal.value).toBeCloseTo(0.8153875038, 9);
    expect(krippendorffAlphaOfGroups(stretched, [1, 2, 3, 4, 50], "interval").value).not.toBeCloseTo(0.8491071429, 3);
  });

  it("rejects values out of order and counts longer than the values", () => {
    expect(() => krippendorffAlphaOfGroups([{ counts: [1, 1], times: 1 }], [2, 1], "ordinal")).toThrow(RangeError);
    expect(() => krippendorffAlphaOfGroups([{ counts: [1, 1, 1], times: 1 }], [1, 2], "interval")).toThrow(RangeError);
    expect(() => krippendorffAlpha([[1, Number.NaN]], "interval")).toThrow(RangeError);
  });
});
