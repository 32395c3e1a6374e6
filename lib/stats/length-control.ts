// Whether the longer answer wins, and the target's win rate with length taken out: raters (and
// LLM judges) favour longer answers, so a target that writes more can win without being better.
//
// The length-controlled rate is a logistic regression of "the target won" on
// x = ln(target length / baseline length) over decided judgments (ties carry no direction, so they
// are left out, as in the sign test), read at equal lengths: σ(a) for logit P(win) = a + b·x. It is
// fitted on one row per pair (its x, wins and losses), which is the same likelihood as one row per
// judgment, so the cost is per pair. Its interval is the model's own (the information matrix), so
// it treats every decided judgment as independent; several raters on one pair agree more than
// that, and the interval is then somewhat too narrow.
import { normalQuantile } from "./distributions";
import type { Interval } from "./interval";
import type { Tally } from "./rates";
import { wilsonInterval } from "./wilson";

/** One judged pair: its two responses' lengths in characters, and its verdicts in the target's terms. */
export interface PairLengths extends Tally {
  targetLength: number;
  baselineLength: number;
}

/** Pairs with the same x, or one pair: x = ln(target length / baseline length). */
export interface LengthGroup {
  x: number;
  wins: number;
  losses: number;
}

export interface LongerAnswerWon {
  /** Decided judgments on pairs whose responses differ in length, and those the longer one won. */
  decided: number;
  longerWon: number;
  /** longerWon / decided with its Wilson interval; null when decided is 0. */
  share: Interval | null;
  /** Decided judgments on pairs of equal lengths, which have no longer answer and are not in the share. */
  equalLength: number;
}

export interface Coefficient {
  estimate: number;
  /** From the inverse of the information matrix at the estimate. */
  se: number;
}

export type LengthControlledWinRate =
  | {
      ok: true;
      /** σ(a): the chance the target wins a decided judgment when both answers are equally long, with σ(a ± z·SE(a)). */
      winRate: Interval;
      intercept: Coefficient;
      /** Change in the log-odds of a win per unit of ln(length ratio): b·ln 2 for the target writing twice as much. */
      slope: Coefficient;
      /** Decided judgments, and the pairs they are on. */
      judgments: number;
      pairs: number;
    }
  | {
      ok: false;
      /**
       * Every pair has the same length ratio, so nothing tells how wins change with length and the
       * slope cannot be estimated. The plain win share is deliberately not offered in its place: it
       * is the win rate at this ratio, not at equal lengths (they coincide only when the ratio is 1).
       */
      reason: "no-length-variation";
      /** Target length / baseline length, the same on every pair. */
      lengthRatio: number;
      judgments: number;
      pairs: number;
    }
  | {
      ok: false;
      /**
       * The decided judgments are separated by length: the target won every one above some ratio
       * and lost every one below it (or the reverse, or it won or lost them all). The likelihood
       * keeps rising as the coefficients run to infinity, so no finite estimate exists.
       */
      reason: "separation";
      judgments: number;
      pairs: number;
    };

export interface LengthEffect {
  /** The target's plain win share of decided judgments (Wilson), what length control adjusts. */
  decidedWinShare: Interval | null;
  longerAnswerWon: LongerAnswerWon;
  /** Null when there is no decided judgment. */
  lengthControlled: LengthControlledWinRate | null;
}

// Newton's method on a concave likelihood converges quadratically once close: a few dozen steps
// at most from the origin unless the data are nearly separated.
const MAX_ITERATIONS = 200;
// Newton's step shrinks quadratically: once it is below 1e-10 the estimate is exact to far more
// digits than the page shows. Asking for less lets float noise in the sums stall the search.
const STEP_TOLERANCE = 1e-10;

function checkCount(name: string, x: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${name} must be a non-negative integer, got ${x}`);
}

/** ln(1 + eᶻ) without overflow for large z or loss of digits for very negative z. */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

function logistic(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function logLikelihood(groups: readonly LengthGroup[], a: number, b: number): number {
  return groups.reduce((sum, g) => {
    const eta = a + b * g.x;
    return sum - g.wins * softplus(-eta) - g.losses * softplus(eta);
  }, 0);
}

/**
 * Whether the logistic MLE is finite: with an intercept and one covariate, it is exactly when
 * some win lies strictly above some loss in x and some loss strictly above some win (Albert and
 * Anderson 1984's overlap condition in one dimension); otherwise a threshold on x separates them.
 */
function overlaps(groups: readonly LengthGroup[]): boolean {
  const winsX = groups.filter((g) => g.wins > 0).map((g) => g.x);
  const lossesX = groups.filter((g) => g.losses > 0).map((g) => g.x);
  if (winsX.length === 0 || lossesX.length === 0) return false;
  return Math.max(...lossesX) > Math.min(...winsX) && Math.max(...winsX) > Math.min(...lossesX);
}

/**
 * The length-controlled win rate from groups of decided judgments; null with none. Ties are not
 * part of a group: the caller leaves them out.
 */
export function lengthControlledWinRate(groups: readonly LengthGroup[], level = 0.95): LengthControlledWinRate | null {
  for (const g of groups) {
    if (!Number.isFinite(g.x)) throw new RangeError(`x must be finite, got ${g.x}`);
    checkCount("wins", g.wins);
    checkCount("losses", g.losses);
  }
  // Sorted so that the sums, and so the last digits of the result, do not depend on the order
  // the rows came in (Postgres gives no order without being asked).
  const decided = groups.filter((g) => g.wins + g.losses > 0).sort((p, q) => p.x - q.x || p.wins - q.wins || p.losses - q.losses);
  const judgments = decided.reduce((sum, g) => sum + g.wins + g.losses, 0);
  const pairs = decided.length;
  if (judgments === 0) return null;
  if (decided.every((g) => g.x === decided[0].x)) return { ok: false, reason: "no-length-variation", lengthRatio: Math.exp(decided[0].x), judgments, pairs };
  if (!overlaps(decided)) return { ok: false, reason: "separation", judgments, pairs };

  let a = 0;
  let b = 0;
  let logL = logLikelihood(decided, a, b);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // Score U and information I = XᵀWX of the grouped binomial likelihood at (a, b).
    let u0 = 0;
    let u1 = 0;
    let i00 = 0;
    let i01 = 0;
    let i11 = 0;
    for (const g of decided) {
      const n = g.wins + g.losses;
      const p = logistic(a + b * g.x);
      const residual = g.wins - n * p;
      const weight = n * p * (1 - p);
      u0 += residual;
      u1 += residual * g.x;
      i00 += weight;
      i01 += weight * g.x;
      i11 += weight * g.x * g.x;
    }
    const det = i00 * i11 - i01 * i01;
    const da = (i11 * u0 - i01 * u1) / det;
    const db = (i00 * u1 - i01 * u0) / det;
    if (Math.abs(da) <= STEP_TOLERANCE * (1 + Math.abs(a)) && Math.abs(db) <= STEP_TOLERANCE * (1 + Math.abs(b))) {
      const seA = Math.sqrt(i11 / det);
      const seB = Math.sqrt(i00 / det);
      const z = normalQuantile(1 - (1 - level) / 2);
      return {
        ok: true,
        winRate: { estimate: logistic(a), lower: logistic(a - z * seA), upper: logistic(a + z * seA) },
        intercept: { estimate: a, se: seA },
        slope: { estimate: b, se: seB },
        judgments,
        pairs,
      };
    }
    // A full Newton step can overshoot far from the maximum; halving it until the likelihood does
    // not fall keeps every step an ascent, so the iteration cannot diverge. Near the maximum the
    // gain is below the rounding of a sum of many terms, so a "fall" that small is no fall.
    let t = 1;
    const noise = 1e-12 * Math.max(1, Math.abs(logL));
    for (let halving = 0; halving < 60; halving++, t /= 2) {
      const next = logLikelihood(decided, a + t * da, b + t * db);
      if (next >= logL - noise) {
        logL = next;
        break;
      }
    }
    a += t * da;
    b += t * db;
  }
  throw new Error(`the length-controlled fit did not converge in ${MAX_ITERATIONS} iterations`);
}

/** Both length figures for one baseline's judged pairs. */
export function lengthEffect(pairs: readonly PairLengths[], level = 0.95): LengthEffect {
  let decided = 0;
  let longerWon = 0;
  let equalLength = 0;
  let wins = 0;
  const groups: LengthGroup[] = [];
  for (const pair of pairs) {
    for (const [name, length] of [["targetLength", pair.targetLength], ["baselineLength", pair.baselineLength]] as const) {
      if (!Number.isInteger(length) || length < 1) throw new RangeError(`${name} must be a positive integer, got ${length}`);
    }
    for (const [name, count] of [["wins", pair.wins], ["ties", pair.ties], ["losses", pair.losses]] as const) checkCount(name, count);
    const n = pair.wins + pair.losses;
    wins += pair.wins;
    if (pair.targetLength === pair.baselineLength) equalLength += n;
    else {
      decided += n;
      longerWon += pair.targetLength > pair.baselineLength ? pair.wins : pair.losses;
    }
    // ln of the ratio rather than a difference of logs: equal ratios (100/50, 200/100) divide to
    // the same double, so they get exactly the same x and "all x equal" is a plain comparison.
    groups.push({ x: Math.log(pair.targetLength / pair.baselineLength), wins: pair.wins, losses: pair.losses });
  }
  return {
    decidedWinShare: wilsonInterval(wins, decided + equalLength, level),
    longerAnswerWon: { decided, longerWon, share: wilsonInterval(longerWon, decided, level), equalLength },
    lengthControlled: lengthControlledWinRate(groups, level),
  };
}
