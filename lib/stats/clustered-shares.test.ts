import { describe, expect, it } from "vitest";
import { clusteredShares, clusteredSharesOfKinds } from "./clustered-shares";
import { wilsonIntervalOfShare } from "./wilson";

// Fifteen prompts of one to three verdicts each, as (wins, ties, losses); the expected values are
// statsmodels' (cluster-robust OLS variance and Wilson interval), printed by
// `/usr/bin/python3 lib/stats/reference/clustered-shares.py` (Debian's python3-statsmodels 0.13.5).
const PROMPTS = [
  [3, 0, 0], [2, 1, 0], [0, 0, 3], [1, 1, 1], [3, 0, 0], [0, 1, 2], [2, 0, 1], [0, 3, 0],
  [1, 0, 2], [3, 0, 0], [0, 0, 1], [2, 1, 0], [1, 2, 0], [0, 0, 3], [2, 0, 0],
].map(([wins, ties, losses]) => ({ wins, ties, losses }));

describe("clusteredShares", () => {
  const shares = clusteredShares(PROMPTS)!;

  it.each([
    ["win", 0.4761904762, 1.8845083488, 0.2881591753, 0.6712228311],
    ["tie", 0.2142857143, 1.6713048856, 0.0980278063, 0.4063117924],
    ["loss", 0.3095238095, 2.1226925784, 0.1515314053, 0.5294526703],
    ["equalOrBetter", 0.6904761905, 2.1226925784, 0.4705473297, 0.8484685947],
  ] as const)("gives statsmodels' design effect and Wilson interval for the %s share", (share, p, deff, lower, upper) => {
    expect(shares[share].estimate).toBeCloseTo(p, 9);
    expect(shares[share].designEffect).toBeCloseTo(deff, 9);
    expect(shares[share].lower).toBeCloseTo(lower, 9);
    expect(shares[share].upper).toBeCloseTo(upper, 9);
    expect(shares[share].effectiveJudgments).toBeCloseTo(42 / deff, 9);
  });

  it("counts the prompts and judgments", () => {
    expect(shares.clusters).toBe(15);
    expect(shares.judgments).toBe(42);
  });

  it("gives the same from kinds counted once as from one entry per prompt", () => {
    const kinds = clusteredSharesOfKinds([
      { wins: 3, ties: 0, losses: 0, prompts: 3 },
      { wins: 2, ties: 1, losses: 0, prompts: 2 },
      { wins: 0, ties: 0, losses: 3, prompts: 2 },
      { wins: 1, ties: 1, losses: 1, prompts: 1 },
      { wins: 0, ties: 1, losses: 2, prompts: 1 },
      { wins: 2, ties: 0, losses: 1, prompts: 1 },
      { wins: 0, ties: 3, losses: 0, prompts: 1 },
      { wins: 1, ties: 0, losses: 2, prompts: 1 },
      { wins: 0, ties: 0, losses: 1, prompts: 1 },
      { wins: 1, ties: 2, losses: 0, prompts: 1 },
      { wins: 2, ties: 0, losses: 0, prompts: 1 },
    ]);
    for (const share of ["win", "tie", "loss", "equalOrBetter"] as const) {
      for (const field of ["estimate", "lower", "upper", "designEffect"] as const) expect(kinds![share][field]).toBeCloseTo(shares[share][field], 12);
    }
    expect(kinds!.clusters).toBe(15);
  });

  it("never claims certainty from one judgment", () => {
    const one = clusteredShares([{ wins: 1, ties: 0, losses: 0 }])!;
    // statsmodels' Wilson interval for 1 of 1: 0.2065493144 – 1.
    expect(one.win.lower).toBeCloseTo(0.2065493144, 9);
    expect(one.win.upper).toBe(1);
    expect(one.loss.lower).toBe(0);
    expect(one.loss.upper).toBeCloseTo(1 - 0.2065493144, 9);
    expect(one.win.designEffect).toBe(1);
  });

  it("keeps ten split judgments on ten prompts as wide as Wilson's 5 of 10", () => {
    const split = clusteredShares(Array.from({ length: 10 }, (_, i) => (i % 2 ? { wins: 1, ties: 0, losses: 0 } : { wins: 0, ties: 0, losses: 1 })))!;
    // One judgment per prompt: the design effect is G/(G−1) = 10/9, never below 1.
    expect(split.win.designEffect).toBeCloseTo(10 / 9, 12);
    expect(split.win.upper - split.win.lower).toBeGreaterThan(0.5);
    expect(wilsonIntervalOfShare(0.5, 10).lower).toBeCloseTo(0.2365930905, 9);
    expect(wilsonIntervalOfShare(81 / 263, 263).upper).toBeCloseTo(0.366209577, 9);
  });

  it("is null with no judgment, and refuses counts that are not whole", () => {
    expect(clusteredShares([])).toBeNull();
    expect(clusteredSharesOfKinds([{ wins: 0, ties: 0, losses: 0, prompts: 4 }])).toBeNull();
    expect(() => clusteredSharesOfKinds([{ wins: 0.5, ties: 0, losses: 0, prompts: 1 }])).toThrow(RangeError);
  });
});

describe("clusteredSharesOfKinds, in any order", () => {
  it("gives the very same numbers whatever order the kinds come in", () => {
    const kinds = [
      { wins: 3, ties: 0, losses: 0, prompts: 2 },
      { wins: 1, ties: 1, losses: 0, prompts: 3 },
      { wins: 0, ties: 0, losses: 1, prompts: 1 },
      { wins: 1, ties: 0, losses: 0, prompts: 1 },
    ];
    const forward = clusteredSharesOfKinds(kinds);
    expect(clusteredSharesOfKinds([...kinds].reverse())).toEqual(forward);
    expect(clusteredSharesOfKinds([kinds[2], kinds[0], kinds[3], kinds[1]])).toEqual(forward);
  });
});
