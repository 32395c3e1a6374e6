import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/random";
import { bootstrapMeanInterval, percentileType7 } from "./bootstrap-mean";
import { meanWithInterval } from "./likert-mean";

/** 200 prompt means, each of 5 ratings drawn uniformly from 1–6 (true mean 3.5, sd √(35/12)/√5). */
function simulatedPromptMeans(seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: 200 }, () => {
    let total = 0;
    for (let i = 0; i < 5; i++) total += 1 + Math.floor(random() * 6);
    return total / 5;
  });
}

describe("percentileType7", () => {
  it("interpolates as R's quantile (type 7) and numpy's percentile do", () => {
    // R: quantile(1:10, c(0.025, 0.975)) → 1.225, 9.775; quantile(c(1, 3, 4, 10), c(0.5, 0.9)) → 3.5, 8.2.
    const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileType7(oneToTen, 0.025)).toBeCloseTo(1.225, 12);
    expect(percentileType7(oneToTen, 0.975)).toBeCloseTo(9.775, 12);
    expect(percentileType7([1, 3, 4, 10], 0.5)).toBeCloseTo(3.5, 12);
    expect(percentileType7([1, 3, 4, 10], 0.9)).toBeCloseTo(8.2, 12);
    expect(percentileType7([1, 3, 4, 10], 0)).toBe(1);
    expect(percentileType7([1, 3, 4, 10], 1)).toBe(10);
    expect(percentileType7([7], 0.3)).toBe(7);
  });
});

describe("bootstrapMeanInterval", () => {
  it("gives the same digits for the same seed, and other draws for another seed", () => {
    const values = simulatedPromptMeans(11);
    expect(bootstrapMeanInterval(values, { seed: 42 })).toEqual(bootstrapMeanInterval(values, { seed: 42 }));
    expect(bootstrapMeanInterval(values)).toEqual(bootstrapMeanInterval(values, { seed: 1 }));
    expect(bootstrapMeanInterval(values, { seed: 42 })!.lower).not.toBe(bootstrapMeanInterval(values, { seed: 43 })!.lower);
  });

  it("has the plain mean as its estimate, between its ends", () => {
    for (const values of [simulatedPromptMeans(1), [1, 2, 2, 6, 6, 6, 5.5], [1, 1, 1, 1, 6]]) {
      const r = bootstrapMeanInterval(values)!;
      expect(r.mean).toBeCloseTo(values.reduce((s, x) => s + x, 0) / values.length, 14);
      expect(r.lower).toBeLessThanOrEqual(r.mean);
      expect(r.mean).toBeLessThanOrEqual(r.upper);
      expect(r.replicates).toBe(2000);
    }
  });

  it("is a zero-width interval at the value when every value is the same", () => {
    expect(bootstrapMeanInterval([4.5, 4.5, 4.5, 4.5])).toEqual({ mean: 4.5, lower: 4.5, upper: 4.5, replicates: 2000 });
    const tenths = bootstrapMeanInterval([0.1, 0.1, 0.1])!;
    expect(tenths.mean).toBeCloseTo(0.1, 15);
    expect(tenths.lower).toBe(tenths.mean);
    expect(tenths.upper).toBe(tenths.mean);
  });

  it("reads the percentiles of [1, 3]'s resample means: 1, 2 or 3 with probabilities ¼, ½, ¼", () => {
    // The 2.5% and 97.5% points fall inside the blocks of 1s and 3s; the 30% and 70% points
    // (level 0.4) inside the block of 2s, 25%–75%. Of the 10,000 sorted means the blocks' edges
    // fall near 2,500 and 7,500, sd ≈ 43, so the points sit hundreds of places from either edge.
    expect(bootstrapMeanInterval([1, 3], { replicates: 10_000 })).toEqual({ mean: 2, lower: 1, upper: 3, replicates: 10_000 });
    expect(bootstrapMeanInterval([1, 3], { replicates: 10_000, level: 0.4 })).toMatchObject({ lower: 2, upper: 2 });
  });

  it("is within a tenth of a half-width of the t interval for 200 prompt means", () => {
    // Normal theory holds well for means of 200: the bootstrap differs by its Monte Carlo error
    // (≈ 0.06 of a half-width at 2,000 replicates) and its √((n − 1)/n) and z-for-t shrinkage (≈ 1%).
    for (const seed of [101, 202, 303]) {
      const values = simulatedPromptMeans(seed);
      const t = meanWithInterval(values)!;
      const half = (t.upper - t.lower) / 2;
      const r = bootstrapMeanInterval(values)!;
      expect(r.mean).toBeCloseTo(t.estimate, 14);
      expect(Math.abs(r.lower - t.lower)).toBeLessThan(0.1 * half);
      expect(Math.abs(r.upper - t.upper)).toBeLessThan(0.1 * half);
    }
  });

  it("is null below two values and rejects bad options", () => {
    expect(bootstrapMeanInterval([])).toBeNull();
    expect(bootstrapMeanInterval([5])).toBeNull();
    expect(() => bootstrapMeanInterval([1, 2], { level: 1 })).toThrow(RangeError);
    expect(() => bootstrapMeanInterval([1, 2], { replicates: 0 })).toThrow(RangeError);
    expect(() => bootstrapMeanInterval([1, Number.NaN])).toThrow(RangeError);
  });
});
