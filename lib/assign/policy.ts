// Pure rules of the pairwise protocol: which side the target is shown on, when a gold pair is
// due, and what a rater's click means in the target's terms.
export type Side = "left" | "right";
export type Choice = "left" | "right" | "neither";
export type Verdict = "win" | "tie" | "loss";

/**
 * The paper does not say how it ordered A and B. The target goes on whichever side this rater has
 * seen it on less, at random when even, so every rater sees it about half the time on each side
 * and a rater's own side preference cannot favour one system.
 */
export function pickTargetSide(shownLeft: number, shownRight: number, random: () => number = Math.random): Side {
  if (shownLeft !== shownRight) return shownLeft < shownRight ? "left" : "right";
  return random() < 0.5 ? "left" : "right";
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
