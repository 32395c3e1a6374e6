// A pairwise judgment: the side the rater chose between two answers shown side by side, stored
// with its verdict in the target's terms. "Both are bad", where the study offers it, is a tie.
import { z } from "zod";
import { verdictFor } from "@/lib/assign/policy";
import type { KindJudgment } from "../kind";

export const PAIRWISE_ANSWER = z.object({
  kind: z.literal("pairwise"),
  choice: z.enum(["left", "right", "neither", "both_bad"], "must be left, right, neither or both_bad"),
});
export type PairwiseAnswer = z.output<typeof PAIRWISE_ANSWER>;

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
