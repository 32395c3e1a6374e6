// The Wilson score interval for a proportion (Wilson 1927; Newcombe 1998's method 3). Chosen over
// the textbook p ± z·√(p(1−p)/n) because it stays inside [0, 1] and keeps close to its nominal
// coverage at small n or shares near 0 or 1, which a study in its first days will have.
import { normalQuantile } from "./distributions";
import type { Interval } from "./interval";

export function wilsonInterval(successes: number, n: number, level = 0.95): Interval | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(successes >= 0 && successes <= n)) throw new RangeError(`successes must be in [0, n], got ${successes}`);
  if (n === 0) return null;
  return wilsonIntervalOfShare(successes / n, n, level);
}

/**
 * The same for a share p observed over an effective sample n that need not be whole: n
 * judgments divided by their design effect (lib/stats/clustered-shares.ts).
 */
export function wilsonIntervalOfShare(p: number, n: number, level = 0.95): Interval {
  if (!(n > 0)) throw new RangeError(`n must be positive, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  // Clamp only rounding: at p = 0 or 1 one end is exactly 0 or 1 in exact arithmetic.
  return { estimate: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
