// Whether raters favour a screen side. The app puts the target on each side about equally often,
// so with no position bias the side chosen among non-tie votes should be a fair coin whatever the
// systems' quality; a share far from ½ says raters lean on position. Exact two-sided binomial
// test, shared with the sign test.
import { binomialTwoSidedP } from "./sign-test";

export interface SideVotes {
  /** Votes "Answer A (left) is significantly better". */
  left: number;
  /** Votes "Answer B (right) is significantly better". */
  right: number;
  /** "Neither is significantly better": reported, but no side, so not in the share. */
  neither?: number;
}

export interface PositionBias {
  /** left / (left + right); null with no non-tie vote. */
  leftShare: number | null;
  /** Non-tie votes the share and test rest on. */
  decided: number;
  neither: number;
  /** Two-sided exact binomial p-value against ½. */
  pValue: number;
}

export function positionBias({ left, right, neither = 0 }: SideVotes): PositionBias {
  const decided = left + right;
  return {
    leftShare: decided === 0 ? null : left / decided,
    decided,
    neither,
    pValue: binomialTwoSidedP(left, decided),
  };
}
