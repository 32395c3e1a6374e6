// How many more judgments bring a share's interval to a target half-width, planned on the same
// interval the page shows (Wilson's on judgments / design effect, lib/stats/clustered-shares.ts),
// so that "0 more" is said exactly when the interval beside it is already narrow enough.
import { normalQuantile } from "./distributions";
import type { ClusteredInterval } from "./clustered-shares";

/** Half the width of Wilson's interval for share p over an effective sample of n. */
export function wilsonHalfWidth(p: number, n: number, level = 0.95): number {
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2n = (z * z) / n;
  return (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
}

/** The smallest effective sample whose Wilson half-width at p is at most h (it falls as n grows). */
export function effectiveSampleFor(p: number, h: number, level = 0.95): number {
  let low = 0;
  let high = 1;
  while (wilsonHalfWidth(p, high, level) > h) high *= 2;
  for (let step = 0; step < 100 && high - low > 1e-9; step++) {
    const middle = (low + high) / 2;
    if (wilsonHalfWidth(p, middle, level) > h) low = middle;
    else high = middle;
  }
  return high;
}

export interface PlanInput {
  /** The share's interval now (null with nothing judged yet). */
  interval: ClusteredInterval | null;
  /** What the share is counted over (judgments, or pairs under the majority view), and the prompts they fall in. */
  counted: number;
  prompts: number;
  /** What the study can count in all (its pairs × k, or its pairs under the majority view), over how many prompts. */
  capacity: number;
  promptsAvailable: number;
  halfWidth?: number;
  level?: number;
}

export interface Plan {
  /** Half the width of the interval now (Infinity with nothing judged). */
  halfWidth: number;
  targetHalfWidth: number;
  /** The design effect planned with: the larger of today's and the one k per prompt will give. */
  designEffect: number;
  /** Counted items needed in all, and how many of them are still to come (0 once reached). */
  required: number;
  additional: number;
  /** What the study can still supply (every prompt at k, less what is counted), and whether that reaches the target. */
  supply: number;
  reachable: boolean;
  /** The half-width once the study has supplied everything (or now, past its goal): what more prompts or a larger k would have to improve on. */
  bestHalfWidth: number;
}

/**
 * The plan for one share. Judgments of one prompt are correlated (ρ); the design effect today,
 * deff = 1 + (m − 1)·ρ at m judgments a prompt (Kish 1965), gives ρ, and with it the design effect
 * at the study's k. The share planned with is the point of today's interval nearest ½ (½ with
 * nothing judged, Cochran's worst case), so one lucky judgment does not promise a short study.
 */
export function planPrecision(input: PlanInput): Plan {
  const { interval, counted, prompts, capacity, promptsAvailable, halfWidth: target = 0.05, level = 0.95 } = input;
  if (!(target > 0 && target < 0.5)) throw new RangeError(`halfWidth must be in (0, 0.5), got ${target}`);
  for (const [name, value] of Object.entries({ counted, prompts, capacity, promptsAvailable })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  const observed = interval?.designEffect ?? 1;
  const perPromptNow = prompts > 0 ? counted / prompts : 1;
  const correlation = perPromptNow > 1 ? Math.min(1, Math.max(0, (observed - 1) / (perPromptNow - 1))) : 0;
  const perPrompt = promptsAvailable > 0 ? capacity / promptsAvailable : 1;
  const designEffect = Math.max(observed, 1 + (Math.max(perPrompt, 1) - 1) * correlation);
  const now = interval ? (interval.upper - interval.lower) / 2 : Infinity;
  const p = interval ? Math.min(Math.max(0.5, interval.lower), interval.upper) : 0.5;
  const required = Math.max(1, Math.ceil(effectiveSampleFor(p, target, level) * designEffect - 1e-9));
  const reached = now <= target;
  return {
    halfWidth: now,
    targetHalfWidth: target,
    designEffect,
    required,
    additional: reached ? 0 : Math.max(1, required - counted),
    supply: Math.max(0, capacity - counted),
    reachable: reached || required <= capacity,
    bestHalfWidth: Math.max(capacity, counted) > 0 ? wilsonHalfWidth(p, Math.max(capacity, counted) / designEffect, level) : Infinity,
  };
}
