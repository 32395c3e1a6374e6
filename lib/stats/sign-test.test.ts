import { describe, expect, it } from "vitest";
import { normalCdf } from "./distributions";
import { binomialTwoSidedP, signTest } from "./sign-test";

describe("signTest", () => {
  it("gives the exact binomial p-values: n = 10, k = 1 → 22/1024 = 0.021484375", () => {
    expect(signTest(1, 9).pValue).toBeCloseTo(0.021484375, 14);
    expect(signTest(9, 1).pValue).toBeCloseTo(0.021484375, 14);
  });

  it("n = 20, k = 5 → 2·21700/2^20 = 0.04138946533203125, either way round", () => {
    expect(signTest(5, 15).pValue).toBeCloseTo(0.04138946533203125, 14);
    expect(signTest(15, 5)).toMatchObject({ wins: 15, losses: 5, n: 20 });
    expect(signTest(15, 5).pValue).toBeCloseTo(0.04138946533203125, 14);
  });

  it("caps at 1 for an even split and with no decided judgment", () => {
    expect(signTest(10, 10).pValue).toBe(1);
    expect(signTest(0, 0)).toEqual({ wins: 0, losses: 0, n: 0, pValue: 1 });
    expect(signTest(0, 1).pValue).toBe(1);
  });

  it("for n = 100,000 agrees with the continuity-corrected normal approximation within 0.1%", () => {
    // z = (49,500 + ½ − 50,000) / √25,000 = −3.1591…; 2Φ(z) ≈ 0.0015825.
    const normal = 2 * normalCdf((49_500.5 - 50_000) / Math.sqrt(25_000));
    expect(binomialTwoSidedP(49_500, 100_000) / normal).toBeCloseTo(1, 3);
  });

  it("refuses counts that are not non-negative integers", () => {
    expect(() => signTest(-1, 3)).toThrow(RangeError);
    expect(() => signTest(1.5, 3)).toThrow(RangeError);
  });
});
