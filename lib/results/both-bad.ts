// "Both are bad", where a pairwise study offers it: stored as a tie, so every figure of the paper
// counts it as one, and counted on its own beside the ties, per baseline. Always over every
// judgment counted (whatever the aggregation), since a pair's majority says nothing of which
// kind of tie its raters chose. Pure: the page's SQL counts and the bundle's recomputation both
// end here.

/** Against one baseline: how many of the judgments counted were ties, and how many of those "Both are bad". */
export interface BothBad {
  /** Every judgment counted against the baseline. */
  judgments: number;
  /** Of those, the ties ("Neither is significantly better" and "Both are bad"). */
  ties: number;
  /** Of the ties, "Both are bad". */
  bothBad: number;
  /** `bothBad` as a share of `judgments` (0 to 1); null with no judgment. */
  share: number | null;
}

export function bothBadOf({ judgments, ties, bothBad }: { judgments: number; ties: number; bothBad: number }): BothBad {
  return { judgments, ties, bothBad, share: judgments === 0 ? null : bothBad / judgments };
}
