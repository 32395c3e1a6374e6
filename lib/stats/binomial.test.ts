import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/random";
import { drawBinomial, logHalfBinomialCdf, logHalfBinomialPmf } from "./binomial";

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

/** P(X = k) for k = 0…n, by the ratio of successive terms from P(X = 0) (fine where qⁿ does not underflow). */
function pmfTable(n: number, p: number): number[] {
  const table = [Math.pow(1 - p, n)];
  for (let k = 1; k <= n; k++) table.push((table[k - 1] * (n - k + 1) * p) / (k * (1 - p)));
  return table;
}

describe("drawBinomial", () => {
  const DRAWS = 100_000;

  it.each([
    [100, 0.3],
    [20_000, 1 / 60],
    [7, 0.9],
    [1_000, 0.5],
    [3, 0.05],
  ])("draws Binomial(%i, %f) with the exact probabilities (chi-square) and mean", (n, p) => {
    const random = seededRandom(11);
    const seen = new Map<number, number>();
    let sum = 0;
    for (let i = 0; i < DRAWS; i++) {
      const x = drawBinomial(n, p, random);
      seen.set(x, (seen.get(x) ?? 0) + 1);
      sum += x;
    }
    expect([...seen.keys()].every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    // The mean within four standard errors: a sampler biased as @stdlib's (30.48 for 100 × 0.3)
    // is 15 standard errors off.
    expect(Math.abs(sum / DRAWS - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / DRAWS));
    // Values expected at least 5 times get a cell each; the rest share two tail cells.
    const pmf = pmfTable(n, p);
    const cells: { expected: number; observed: number }[] = [];
    const low = { expected: 0, observed: 0 };
    const high = { expected: 0, observed: 0 };
    const mode = Math.floor((n + 1) * p);
    pmf.forEach((probability, k) => {
      const expected = probability * DRAWS;
      const observed = seen.get(k) ?? 0;
      if (expected >= 5) cells.push({ expected, observed });
      else {
        const tail = k < mode ? low : high;
        tail.expected += expected;
        tail.observed += observed;
      }
    });
    for (const tail of [low, high]) if (tail.expected > 0) cells.push(tail);
    const chiSquare = cells.reduce((total, cell) => total + (cell.observed - cell.expected) ** 2 / cell.expected, 0);
    const df = cells.length - 1;
    // About the 0.9999 point of chi-square(df): a fixed seed either passes or fails for good.
    expect(chiSquare).toBeLessThan(df + 5.3 * Math.sqrt(2 * df) + 10);
  });

  it("gives the bounds where nothing is random", () => {
    const random = seededRandom(1);
    expect(drawBinomial(0, 0.4, random)).toBe(0);
    expect(drawBinomial(12, 0, random)).toBe(0);
    expect(drawBinomial(12, 1, random)).toBe(12);
  });
});
