// Win / tie / loss shares with intervals that account for the prompts they cluster in, and that
// stay honest at small n. The k judgments of one prompt rate the same two responses, so they
// carry less information than k independent ones. The design effect the study's own judgments
// show (Kish 1965: the cluster-robust variance of the share over the variance independent
// judgments would give) turns n judgments into an effective sample n / deff, and the interval is
// Wilson's on that sample: it never collapses to zero width (one win gives 21–100%, not 100–100)
// and it widens with the clustering as a bootstrap over prompts does. Analytic, so the page, the
// bundle and a re-analysis give the same numbers with no seed.
import { wilsonIntervalOfShare } from "./wilson";
import type { Interval } from "./interval";

/** Clusters (prompts) that gave the same counts, counted once: `prompts` is how many there are. */
export interface ClusterKind {
  wins: number;
  ties: number;
  losses: number;
  prompts: number;
}

export interface ClusteredInterval extends Interval {
  /** Kish's design effect of this share, at least 1 (fewer than two prompts, or a share of 0 or 1: 1). */
  designEffect: number;
  /** Judgments / design effect: the sample the interval is Wilson's for. */
  effectiveJudgments: number;
}

export interface ShareIntervals {
  win: ClusteredInterval;
  tie: ClusteredInterval;
  loss: ClusteredInterval;
  /** "Equal or better": win + tie, the share the paper quotes. */
  equalOrBetter: ClusteredInterval;
  /** Clusters (prompts) with at least one verdict. */
  clusters: number;
  judgments: number;
  level: number;
}

export const SHARE_LEVEL = 0.95;

/**
 * Below this many prompts a share is marked as resting on too few: the design effect is itself
 * estimated from the prompts, and with fewer than 30 clusters that estimate is unsteady (the
 * usual rule for cluster-robust variances, e.g. Cameron & Miller 2015).
 */
export const FEW_PROMPTS = 30;

/**
 * The share of judgments in `pick` (a ratio estimator, total picked / total judgments, so prompts
 * with more raters weigh more, as the paper counts) with its interval. The cluster-robust
 * variance is the with-replacement linearisation G/(G−1)·Σ_g (y_g − p·m_g)² / N², the variance
 * an intercept-only regression with errors clustered by prompt gives.
 */
function clusteredShare(kinds: readonly (ClusterKind & { size: number })[], pick: (kind: ClusterKind) => number, level: number): ClusteredInterval {
  let clusters = 0;
  let n = 0;
  let picked = 0;
  for (const kind of kinds) {
    clusters += kind.prompts;
    n += kind.prompts * kind.size;
    picked += kind.prompts * pick(kind);
  }
  const p = picked / n;
  let designEffect = 1;
  if (clusters >= 2 && p > 0 && p < 1) {
    const squares = kinds.reduce((sum, kind) => sum + kind.prompts * (pick(kind) - p * kind.size) ** 2, 0);
    const clustered = ((clusters / (clusters - 1)) * squares) / (n * n);
    // Fewer than independent judgments can tell (a design effect below 1) is not claimed.
    designEffect = Math.max(1, clustered / ((p * (1 - p)) / n));
  }
  const effectiveJudgments = n / designEffect;
  return { ...wilsonIntervalOfShare(p, effectiveJudgments, level), designEffect, effectiveJudgments };
}

/** The four shares of the kinds given, or null with no judgment at all. */
export function clusteredSharesOfKinds(kinds: readonly ClusterKind[], level = SHARE_LEVEL): ShareIntervals | null {
  for (const kind of kinds) {
    if ([kind.wins, kind.ties, kind.losses, kind.prompts].some((x) => !Number.isInteger(x) || x < 0)) {
      throw new RangeError("a kind's counts must be non-negative integers");
    }
  }
  // In one order, so that the sums, and so the last digits, do not depend on the order the kinds
  // came in (Postgres gives none without being asked).
  const judged = kinds
    .filter((kind) => kind.prompts > 0 && kind.wins + kind.ties + kind.losses > 0)
    .map((kind) => ({ ...kind, size: kind.wins + kind.ties + kind.losses }))
    .sort((a, b) => a.size - b.size || a.wins - b.wins || a.ties - b.ties || a.prompts - b.prompts);
  if (judged.length === 0) return null;
  return {
    win: clusteredShare(judged, (kind) => kind.wins, level),
    tie: clusteredShare(judged, (kind) => kind.ties, level),
    loss: clusteredShare(judged, (kind) => kind.losses, level),
    equalOrBetter: clusteredShare(judged, (kind) => kind.wins + kind.ties, level),
    clusters: judged.reduce((sum, kind) => sum + kind.prompts, 0),
    judgments: judged.reduce((sum, kind) => sum + kind.prompts * kind.size, 0),
    level,
  };
}

/** The same from each cluster's counts, one entry per prompt. */
export function clusteredShares(clusters: readonly { wins: number; ties: number; losses: number }[], level = SHARE_LEVEL): ShareIntervals | null {
  return clusteredSharesOfKinds(clusters.map((cluster) => ({ ...cluster, prompts: 1 })), level);
}

/** Shares of labels that are one a pair (an LLM judge's), each pair its own cluster: Wilson's intervals on the pairs. */
export function labelShares(labels: { win: number; tie: number; loss: number }, level = SHARE_LEVEL): ShareIntervals | null {
  return clusteredSharesOfKinds(
    [
      { wins: 1, ties: 0, losses: 0, prompts: labels.win },
      { wins: 0, ties: 1, losses: 0, prompts: labels.tie },
      { wins: 0, ties: 0, losses: 1, prompts: labels.loss },
    ],
    level,
  );
}
