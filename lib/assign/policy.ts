// Pure rules of the pairwise protocol: which side the target is shown on, and what a rater's
// click means in the target's terms.
export type Side = "left" | "right";
export type Choice = "left" | "right" | "neither";
export type Verdict = "win" | "tie" | "loss";

/** The paper does not say how it ordered A and B, so the target's side is random per assignment. */
export function pickTargetSide(random: () => number = Math.random): Side {
  return random() < 0.5 ? "left" : "right";
}

export function verdictFor(choice: Choice, targetSide: Side): Verdict {
  if (choice === "neither") return "tie";
  return choice === targetSide ? "win" : "loss";
}
