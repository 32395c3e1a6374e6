import { describe, expect, it } from "vitest";
import { logGamma, normalCdf, normalQuantile, regularizedBeta, tCdf, tQuantile } from "./distributions";

describe("logGamma", () => {
  it("matches closed forms: Γ(½) = √π, Γ(10) = 9! = 362880", () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });
});

describe("normal distribution", () => {
  it("gives the table values Φ(−1) = 0.158655253931457 and Φ(1.96) = 0.9750021048517795", () => {
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931457, 14);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
  });

  it("gives z(0.975) = 1.959963984540054 and z(0.995) = 2.5758293035489 (standard tables)", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
  });

  it("stays accurate far in the tail (Φ(−10) = 7.619853024160527e-24)", () => {
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
  });
});

describe("Student t distribution", () => {
  it("matches the closed forms for 1 df (tan π(p − ½)) and 2 df ((2p − 1)/√(2p(1 − p)))", () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 9); // 12.7062…
    expect(tQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 11); // 4.3027…
    expect(tCdf(1, 1)).toBeCloseTo(0.75, 14); // ½ + atan(1)/π
  });

  it("gives the t-table values t(0.975; 9) = 2.262157 and t(0.975; 29) = 2.045230", () => {
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262157, 6);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.04523, 5);
    expect(tQuantile(0.025, 9)).toBeCloseTo(-2.262157, 6);
  });

  it("tends to the normal quantile as the degrees of freedom grow", () => {
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 6);
    expect(tQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 12);
  });

  it("regularised beta: I_x(1, 1) = x and I_x(a, b) = 1 − I_(1−x)(b, a)", () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.2, 2.5, 4) + regularizedBeta(0.8, 4, 2.5)).toBeCloseTo(1, 14);
  });

  it("refuses probabilities outside (0, 1)", () => {
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });
});
