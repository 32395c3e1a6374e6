import { describe, expect, it } from "vitest";
import { clusteredShares } from "./clustered-shares";
import { effectiveSampleFor, planPrecision, wilsonHalfWidth } from "./precision";
import { wilsonIntervalOfShare } from "./wilson";

const interval = (p: number, n: number, designEffect: number) => ({ ...wilsonIntervalOfShare(p, n / designEffect), designEffect, effectiveJudgments: n / designEffect });

describe("effectiveSampleFor", () => {
  // statsmodels' Wilson interval first reaches ±5 points at n = 381 (p = ½), 379 (p = 0.53) and 245
  // (p = 0.2): `/usr/bin/python3 lib/stats/reference/clustered-shares.py`.
  it.each([
    [0.5, 381],
    [0.53, 379],
    [0.2, 245],
  ])("reaches ±5 points at p = %s from n = %s, as statsmodels' Wilson interval does", (p, n) => {
    expect(Math.ceil(effectiveSampleFor(p, 0.05))).toBe(n);
    expect(wilsonHalfWidth(p, n)).toBeLessThanOrEqual(0.05);
    expect(wilsonHalfWidth(p, n - 1)).toBeGreaterThan(0.05);
  });
});

describe("planPrecision", () => {
  it("plans the worst case, p = ½, with nothing judged", () => {
    const plan = planPrecision({ interval: null, counted: 0, prompts: 0, capacity: 900, promptsAvailable: 300 });
    expect(plan.halfWidth).toBe(Infinity);
    expect(plan.required).toBe(381);
    expect(plan.additional).toBe(381);
    expect(plan.reachable).toBe(true);
    expect(plan.supply).toBe(900);
  });

  it("scales by the design effect the study shows, carried to k judgments a prompt", () => {
    // 200 judgments on 100 prompts (m = 2) with deff 1.25: ρ = 0.25, so at k = 5 deff = 2.
    const plan = planPrecision({ interval: interval(0.5, 200, 1.25), counted: 200, prompts: 100, capacity: 1500, promptsAvailable: 300 });
    expect(plan.designEffect).toBeCloseTo(2, 12);
    expect(plan.required).toBe(Math.ceil(effectiveSampleFor(0.5, 0.05) * 2));
    expect(plan.additional).toBe(plan.required - 200);
  });

  it("never plans with less clustering than today's", () => {
    const plan = planPrecision({ interval: interval(0.4, 300, 1.8), counted: 300, prompts: 100, capacity: 300, promptsAvailable: 100 });
    expect(plan.designEffect).toBeCloseTo(1.8, 12);
  });

  it("caps the advice at what the study can still supply, and says what all of it would give", () => {
    // 50 prompts × k = 3: 150 judgments at most, short of the ~381 ±5 points needs.
    const plan = planPrecision({ interval: interval(0.5, 60, 1), counted: 60, prompts: 20, capacity: 150, promptsAvailable: 50 });
    expect(plan.reachable).toBe(false);
    expect(plan.supply).toBe(90);
    expect(plan.bestHalfWidth).toBeCloseTo(wilsonHalfWidth(0.5, 150), 12);
    expect(plan.bestHalfWidth).toBeGreaterThan(0.05);
  });

  it("plans with the point of the interval nearest ½, so one lucky judgment promises nothing", () => {
    const one = clusteredShares([{ wins: 1, ties: 0, losses: 0 }])!;
    const plan = planPrecision({ interval: one.win, counted: 1, prompts: 1, capacity: 300, promptsAvailable: 300 });
    expect(plan.required).toBe(381);
    expect(plan.additional).toBe(380);
  });

  it("says 0 more exactly when the interval shown is already within the target", () => {
    for (let seed = 1; seed <= 400; seed++) {
      const prompts = 5 + (seed % 60) * 10;
      const clusters = Array.from({ length: prompts }, (_, i) => {
        const k = 1 + ((i * seed) % 4);
        const wins = (i * 7 + seed) % (k + 1);
        return { wins, ties: 0, losses: k - wins };
      });
      const shares = clusteredShares(clusters)!;
      const plan = planPrecision({ interval: shares.win, counted: shares.judgments, prompts, capacity: prompts * 4, promptsAvailable: prompts });
      expect(plan.additional === 0).toBe((shares.win.upper - shares.win.lower) / 2 <= 0.05);
    }
  });

  it("rejects impossible inputs", () => {
    expect(() => planPrecision({ interval: null, counted: -1, prompts: 0, capacity: 0, promptsAvailable: 0 })).toThrow(RangeError);
    expect(() => planPrecision({ interval: null, counted: 0, prompts: 0, capacity: 0, promptsAvailable: 0, halfWidth: 0 })).toThrow(RangeError);
  });
});
