// Pure rules of the pairwise protocol: which side the target is shown on, when a gold pair is
// due, and what a rater's click means in the target's terms.
export type Side = "left" | "right";
/** The paper's three options, as shown: A (left), B (right), or neither significantly better. */
export type SideChoice = "left" | "right" | "neither";
/** What a rater may choose: the paper's three, or "Both are bad" where the study offers it (a tie in the target's terms). */
export type Choice = SideChoice | "both_bad";
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
 * Whether the rater's next pair should be a gold one: the gold pairs they can still expect (as
 * their progress counts them, at the study's gold rate) are spread at random among the pairs they
 * have left, so gold pairs fall anywhere in the run, and one is drawn only while one is expected,
 * which keeps "to go" moving by one after a gold pair as after any other.
 */
export function goldDue(goldToCome: number, ordinaryLeft: number, random: () => number = Math.random): boolean {
  return goldToCome > 0 && random() * (goldToCome + Math.max(0, ordinaryLeft)) < goldToCome;
}

export function verdictFor(choice: Choice, targetSide: Side): Verdict {
  if (choice === "neither" || choice === "both_bad") return "tie";
  return choice === targetSide ? "win" : "loss";
}
