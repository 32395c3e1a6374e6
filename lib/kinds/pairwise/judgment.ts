// A pairwise judgment: the side the rater chose between two answers shown side by side, stored
// with its verdict in the target's terms.
import { z } from "zod";
import { verdictFor } from "@/lib/assign/policy";
import type { KindJudgment, RatingView } from "../kind";

export const PAIRWISE_ANSWER = z.object({
  kind: z.literal("pairwise"),
  choice: z.enum(["left", "right", "neither"], "must be left, right or neither"),
});
export type PairwiseAnswer = z.output<typeof PAIRWISE_ANSWER>;

export const JUDGMENT: KindJudgment = {
  schema: PAIRWISE_ANSWER,
  field: "choice",
  described: "a choice (left, right or neither)",
  asks: "This pair asks which answer is better: choose left, right or neither.",
  columns: (answer: PairwiseAnswer, { targetSide }) => ({ choice: answer.choice, verdict: verdictFor(answer.choice, targetSide) }),
};

/** The paper's three options for two answers side by side. */
export const RATING: RatingView = {
  shows: "pair",
  question: "Which answer best satisfies your needs?",
  questionShown: false,
  options: [
    { answer: { kind: "pairwise", choice: "left" }, label: "Answer A is significantly better", key: "A" },
    { answer: { kind: "pairwise", choice: "right" }, label: "Answer B is significantly better", key: "B" },
    { answer: { kind: "pairwise", choice: "neither" }, label: "Neither is significantly better", key: "N" },
  ],
};
