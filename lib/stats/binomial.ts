// Exact binomial probabilities in log space, for the sign test and the position-bias test. Summing C(n, i) / 2ⁿ directly overflows past n ≈ 1,000 and underflows
// in the tails, so the point probability uses Loader's saddle-point form (as R's dbinom does: it
// never subtracts two huge log-factorials, so it stays accurate to ~1e-14 for any n), and the
// tail is summed outward from its largest term. Cost is O(√n) terms, not O(n).
import { logGamma } from "./distributions";

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function checkCount(name: string, x: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${name} must be a non-negative integer, got ${x}`);
}

/** ln(x!) − ln(√(2πx)·(x/e)ˣ): the error of Stirling's formula. */
function stirlingError(x: number): number {
  if (x <= 15) return logGamma(x + 1) - (x + 0.5) * Math.log(x) + x - LN_SQRT_2PI;
  const xx = x * x;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * xx)) / xx) / xx) / xx) / x;
}

/** x·ln(x/m) + m − x, by a series when x ≈ m so that it does not cancel to noise. */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/** ln P(X = k) for X ~ Binomial(n, ½). */
export function logHalfBinomialPmf(k: number, n: number): number {
  checkCount("n", n);
  checkCount("k", k);
  return logBinomialPmf(k, n, 0.5);
}

/** ln P(X = k) for X ~ Binomial(n, p), 0 < p < 1 (Loader's form holds for any p; the tests need ½). */
function logBinomialPmf(k: number, n: number, p: number): number {
  if (k > n) return -Infinity;
  if (k === 0) return n * Math.log1p(-p);
  if (k === n) return n * Math.log(p);
  const logCore = stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n * p) - deviance(n - k, n * (1 - p));
  return logCore - 0.5 * Math.log((2 * Math.PI * k * (n - k)) / n);
}

/** ln P(X ≤ k) for X ~ Binomial(n, ½). */
export function logHalfBinomialCdf(k: number, n: number): number {
  checkCount("n", n);
  if (!Number.isInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  if (k < 0) return -Infinity;
  if (k >= n) return 0;
  // Above the middle, the lower tail is 1 − the (small, accurately summed) upper tail.
  if (2 * k > n) return Math.log1p(-Math.exp(logHalfBinomialCdf(n - k - 1, n)));
  // Terms rise towards the middle, so P(X = k) is the largest; add the rest relative to it,
  // using P(X = i − 1) / P(X = i) = i / (n − i + 1), until they no longer change the sum.
  let ratio = 1;
  let sum = 1;
  for (let i = k; i > 0; i--) {
    ratio *= i / (n - i + 1);
    const next = sum + ratio;
    if (next === sum) break;
    sum = next;
  }
  return logHalfBinomialPmf(k, n) + Math.log(sum);
}
