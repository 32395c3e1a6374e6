import { describe, expect, it } from "vitest";
import { logHalfBinomialCdf, logHalfBinomialPmf } from "./binomial";

/** ln of a positive BigInt, from its decimal digits (exact enough: 17 significant digits). */
function logBig(x: bigint): number {
  const s = x.toString();
  const lead = Number(`${s.slice(0, 17)}`) / 10 ** (Math.min(17, s.length) - 1);
  return Math.log(lead) + (s.length - 1) * Math.LN10;
}

/** ln P(X ≤ k) for Binomial(n, ½), in exact integer arithmetic: the independent reference. */
function exactLogCdf(k: number, n: number): number {
  let c = 1n;
  let sum = 1n;
  for (let i = 1; i <= k; i++) {
    c = (c * BigInt(n - i + 1)) / BigInt(i);
    sum += c;
  }
  return logBig(sum) - n * Math.LN2;
}

describe("Binomial(n, ½) in log space", () => {
  it("gives exact small values: P(X = 5 | n = 10) = 252/1024, P(X ≤ 1 | n = 10) = 11/1024", () => {
    expect(Math.exp(logHalfBinomialPmf(5, 10))).toBeCloseTo(252 / 1024, 14);
    expect(Math.exp(logHalfBinomialCdf(1, 10))).toBeCloseTo(11 / 1024, 14);
    expect(logHalfBinomialCdf(10, 10)).toBe(0);
    expect(logHalfBinomialCdf(-1, 10)).toBe(-Infinity);
  });

  it("agrees with exact BigInt sums to 1e-12 relative, for n = 2,000 across the range", () => {
    for (const k of [0, 1, 10, 300, 900, 980, 999, 1000, 1001, 1500, 1999]) {
      expect(logHalfBinomialCdf(k, 2000) - exactLogCdf(k, 2000)).toBeCloseTo(0, 12);
    }
  });

  it("is exact where the plain value underflows: P(X ≤ 0 | n = 100,000) = 2^−100000", () => {
    expect(logHalfBinomialCdf(0, 100_000)).toBeCloseTo(-100_000 * Math.LN2, 6);
    expect(logHalfBinomialCdf(10, 100_000) - exactLogCdf(10, 100_000)).toBeCloseTo(0, 10);
  });
});
