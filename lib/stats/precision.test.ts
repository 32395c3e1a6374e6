import { describe, expect, it } from "vitest";
import { evenSplitCheck, judgmentsForPrecision } from "./precision";

describe("judgmentsForPrecision", () => {
  it("gives Cochran's textbook 385 for ±5 points at 95% and p = ½", () => {
    // n₀ = 1.959964² · 0.25 / 0.05² = 384.15 → 385.
    const r = judgmentsForPrecision({ p: 0.5, n: 0 });
    expect(r.requiredJudgments).toBe(385);
    expect(r.additionalJudgments).toBe(385);
    expect(r.halfWidth).toBe(Infinity);
  });

  it("LIMA vs Alpaca (53% wins of 300): ±5.65 points now, 83 more judgments for ±5", () => {
    // Now: 1.959964·√(0.53·0.47/300) = 0.05648. Needed: 3.841459·0.2491/0.0025 = 382.76 → 383.
    const r = judgmentsForPrecision({ p: 0.53, n: 300 });
    expect(r.halfWidth).toBeCloseTo(0.05648, 5);
    expect(r.requiredJudgments).toBe(383);
    expect(r.additionalJudgments).toBe(83);
  });

  it("scales by the design effect 1 + (k − 1)ρ for k raters per prompt", () => {
    // k = 3, ρ = 0.25 → deff = 1.5; 384.146 · 1.5 = 576.2 → 577.
    const r = judgmentsForPrecision({ p: 0.5, n: 600, ratersPerPrompt: 3, intraPromptCorrelation: 0.25 });
    expect(r.designEffect).toBe(1.5);
    expect(r.requiredJudgments).toBe(577);
    expect(r.additionalJudgments).toBe(0);
  });

  it("rejects impossible inputs", () => {
    expect(() => judgmentsForPrecision({ p: 1.2, n: 10 })).toThrow(RangeError);
    expect(() => judgmentsForPrecision({ p: 0.5, n: 10, halfWidth: 0 })).toThrow(RangeError);
  });
});

describe("evenSplitCheck", () => {
  it("LIMA vs Alpaca: 159 wins vs 78 losses excludes an even split, in LIMA's favour", () => {
    const r = evenSplitCheck(159, 78);
    expect(r.decided).toBe(237);
    expect(r.winShareOfDecided!.estimate).toBeCloseTo(159 / 237, 14);
    expect(r.winShareOfDecided!.lower).toBeGreaterThan(0.5);
    expect(r).toMatchObject({ excludesEvenSplit: true, direction: "target-better" });
  });

  it("LIMA vs Bard: 99 wins vs 126 losses does not (the sign test agrees: p ≈ 0.08)", () => {
    expect(evenSplitCheck(99, 126)).toMatchObject({ excludesEvenSplit: false, direction: null });
  });

  it("LIMA vs GPT-4: 54 wins vs 171 losses excludes it the other way; nothing decided, nothing excluded", () => {
    expect(evenSplitCheck(54, 171).direction).toBe("baseline-better");
    expect(evenSplitCheck(0, 0)).toEqual({ winShareOfDecided: null, decided: 0, excludesEvenSplit: false, direction: null });
  });
});
