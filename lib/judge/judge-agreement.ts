// How an LLM judge compares with the human raters on the same pairs, from groups of pairs that
// look alike (SQL does the grouping): the judge's verdict in each order, and the raters' counts.
//
// The judge's label for a pair: its verdict when both orders agree, a tie when they disagree (it
// could not tell the answers apart beyond their position, as MT-Bench also scores it), the one
// verdict it gave when the other order could not be read, none when neither could.
import type { Verdict } from "@/lib/assign/policy";
import { cohenKappa, type KappaResult } from "@/lib/stats/agreement";
import { positionBias, type PositionBias } from "@/lib/stats/position-bias";

export interface JudgedPairGroup {
  /** The judge's verdict with the target shown as answer A, and as answer B; null when unread. */
  targetLeft: Verdict | null;
  targetRight: Verdict | null;
  /** The raters' counted judgments on each pair of the group. */
  humanWins: number;
  humanTies: number;
  humanLosses: number;
  /** Pairs in the group. */
  pairs: number;
}

export interface JudgeAgreement {
  /** Pairs with a label from the judge. */
  judgedPairs: number;
  /** Pairs whose two orders were both read, and how many of those disagree. */
  bothOrders: number;
  inconsistent: number;
  inconsistencyRate: number | null;
  /** Share of the judge's non-tie choices that went to answer A. */
  positionBias: PositionBias;
  /** The judge's labels, in the target's terms. */
  labels: Record<Verdict, number>;
  /** The raters' counted judgments on the same pairs, judged by the judge or not (Figure 1 beside Figure 2). */
  humans: Record<Verdict, number>;
  /** Tie-discounted accuracy of the judge against each rater's judgment, averaged over pairs. */
  tieDiscountedAccuracy: { value: number | null; pairs: number };
  /** Cohen's kappa over (rater judgment, judge label) for every rater judgment on a judged pair. */
  kappa: KappaResult;
}

const VERDICTS: Verdict[] = ["win", "tie", "loss"];

export function judgeLabel(targetLeft: Verdict | null, targetRight: Verdict | null): Verdict | null {
  if (targetLeft && targetRight) return targetLeft === targetRight ? targetLeft : "tie";
  return targetLeft ?? targetRight;
}

/** 1 for the same label, ½ when exactly one is a tie, 0 for a win against a loss. */
function score(a: Verdict, b: Verdict): number {
  if (a === b) return 1;
  return a === "tie" || b === "tie" ? 0.5 : 0;
}

/** The side chosen, as shown, for a verdict in the target's terms. */
function sideOf(verdict: Verdict, targetSide: "left" | "right"): "left" | "right" | "neither" {
  if (verdict === "tie") return "neither";
  const targetWon = verdict === "win";
  return targetWon === (targetSide === "left") ? "left" : "right";
}

export function judgeAgreement(groups: readonly JudgedPairGroup[]): JudgeAgreement {
  const labels: Record<Verdict, number> = { win: 0, tie: 0, loss: 0 };
  const humans: Record<Verdict, number> = { win: 0, tie: 0, loss: 0 };
  const sides = { left: 0, right: 0, neither: 0 };
  const table = VERDICTS.map(() => VERDICTS.map(() => 0));
  let judgedPairs = 0;
  let bothOrders = 0;
  let inconsistent = 0;
  let accuracySum = 0;
  let accuracyPairs = 0;
  for (const group of groups) {
    humans.win += group.humanWins * group.pairs;
    humans.tie += group.humanTies * group.pairs;
    humans.loss += group.humanLosses * group.pairs;
    if (group.targetLeft) sides[sideOf(group.targetLeft, "left")] += group.pairs;
    if (group.targetRight) sides[sideOf(group.targetRight, "right")] += group.pairs;
    if (group.targetLeft && group.targetRight) {
      bothOrders += group.pairs;
      if (group.targetLeft !== group.targetRight) inconsistent += group.pairs;
    }
    const label = judgeLabel(group.targetLeft, group.targetRight);
    if (!label) continue;
    judgedPairs += group.pairs;
    labels[label] += group.pairs;
    const human = { win: group.humanWins, tie: group.humanTies, loss: group.humanLosses };
    const raters = group.humanWins + group.humanTies + group.humanLosses;
    if (raters > 0) {
      const mean = VERDICTS.reduce((sum, verdict) => sum + human[verdict] * score(verdict, label), 0) / raters;
      accuracySum += mean * group.pairs;
      accuracyPairs += group.pairs;
    }
    for (const verdict of VERDICTS) table[VERDICTS.indexOf(verdict)][VERDICTS.indexOf(label)] += human[verdict] * group.pairs;
  }
  return {
    judgedPairs,
    bothOrders,
    inconsistent,
    inconsistencyRate: bothOrders ? inconsistent / bothOrders : null,
    positionBias: positionBias(sides),
    labels,
    humans,
    tieDiscountedAccuracy: { value: accuracyPairs ? accuracySum / accuracyPairs : null, pairs: accuracyPairs },
    kappa: cohenKappa(table),
  };
}
