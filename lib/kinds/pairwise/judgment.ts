// A pairwise judgment: the side the rater chose between two answers shown side by side, stored
// with its verdict in the target's terms. "Both are bad", where the study offers it, is a tie.
import { z } from "zod";
import { verdictFor } from "@/lib/assign/policy";
import type { KindJudgment, RatingOption, RatingView } from "../kind";

export const PAIRWISE_ANSWER = z.object({
  kind: z.literal("pairwise"),
  choice: z.enum(["left", "right", "neither", "both_bad"], "must be left, right, neither or both_bad"),
});
export type PairwiseAnswer = z.output<typeof PAIRWISE_ANSWER>;

/** The fourth option, for studies that offer it: both answers fail the rater, so neither is better. */
export const BOTH_BAD: RatingOption = { answer: { kind: "pairwise", choice: "both_bad" }, label: "Both are bad", key: "X" };

export const JUDGMENT: KindJudgment = {
  schema: PAIRWISE_ANSWER,
  field: "choice",
  described: "a choice (left, right, neither or both_bad)",
  asks: "This pair asks which answer is better: choose left, right or neither.",
  checkOffered: (answer: PairwiseAnswer, offers) =>
    answer.choice === "both_bad" && !offers.bothBad
      ? `This study does not offer "Both are bad", so nothing was recorded: choose answer A, answer B or neither.`
      : null,
  columns: (answer: PairwiseAnswer, { targetSide }) => ({ choice: answer.choice, verdict: verdictFor(answer.choice, targetSide) }),
};

/** The paper's three options for two answers side by side, and "Both are bad" for a study that offers it. */
export const RATING: RatingView = {
  shows: "pair",
  question: "Which answer best satisfies your needs?",
  questionShown: false,
  options: [
    { answer: { kind: "pairwise", choice: "left" }, label: "Answer A is significantly better", key: "A" },
    { answer: { kind: "pairwise", choice: "right" }, label: "Answer B is significantly better", key: "B" },
    { answer: { kind: "pairwise", choice: "neither" }, label: "Neither is significantly better", key: "N" },
  ],
  bothBad: BOTH_BAD,
};
