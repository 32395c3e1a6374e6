// Pure rules of the pairwise protocol: which side the target is shown on, when a gold pair is
// due, and what a rater's click means in the target's terms.
export type Side = "left" | "right";
export type Choice = "left" | "right" | "neither";
export type Verdict = "win" | "tie" | "loss";

/**
 * How many of a rater's assignments make one block of target sides: each block holds the target
 * on the left exactly half the time, in a random order. Blocks of two would give every second
 * side away; with eight the side changes from one pair to the next 57% of the time against a
 * fair coin's 50%, and a rater is never more than four pairs off balance.
 */
export const SIDE_BLOCK = 8;

/**
 * The paper does not say how it ordered A and B. The target's side is drawn without replacement
 * from the rater's current block (SIDE_BLOCK sides, half of them left), so every rater sees it
 * equally often on each side, which keeps a rater's own side preference from favouring a system,
 * while the next side cannot be told from the last. If two claims at once leave a rater off
 * balance, the rest of the block makes it up.
 */
export function pickTargetSide(shownLeft: number, shownRight: number, random: () => number = Math.random): Side {
  const shown = shownLeft + shownRight;
  const blockEnd = (Math.floor(shown / SIDE_BLOCK) + 1) * SIDE_BLOCK;
  const slots = blockEnd - shown;
  const leftToGo = Math.min(slots, Math.max(0, blockEnd / 2 - shownLeft));
  return random() * slots < leftToGo ? "left" : "right";
}

/**
 * Whether the rater's next pair should be a gold one. Their gold count stays within one of the
 * study's rate times their pairs, while the random term moves where in the run gold pairs fall,
 * so a rater cannot tell them by position.
 */
export function goldDue(goldSoFar: number, pairsSoFar: number, goldRate: number, random: () => number = Math.random): boolean {
  return goldRate > 0 && goldSoFar + random() < goldRate * (pairsSoFar + 1);
}

export function verdictFor(choice: Choice, targetSide: Side): Verdict {
  if (choice === "neither") return "tie";
  return choice === targetSide ? "win" : "loss";
}
