// A Likert judgment: one answer's helpfulness, a whole number on the study's scale (the paper's
// 1 to 6 unless the study states another).
import { z } from "zod";
import type { KindJudgment } from "../kind";

/** The widest scale a study may state; its own is checked when the answer is recorded. */
const BOUNDS = { min: 0, max: 100 };

export const LIKERT_ANSWER = z.object({
  kind: z.literal("likert"),
  score: z
    .number("must be a whole number on the study's scale")
    .int("must be a whole number")
    .min(BOUNDS.min, `must be at least ${BOUNDS.min}`)
    .max(BOUNDS.max, `must be at most ${BOUNDS.max}`),
});
export type LikertAnswer = z.output<typeof LIKERT_ANSWER>;

export const JUDGMENT: KindJudgment = {
  schema: LIKERT_ANSWER,
  field: "score",
  described: "a score (a whole number on the study's scale)",
  asks: "This answer asks for a helpfulness score on the study's scale.",
  checkScale: (answer, scale) => {
    const { score } = answer as LikertAnswer;
    return score >= scale.min && score <= scale.max ? null : `score: must be from ${scale.min} to ${scale.max}, this study's scale; ${score} is not on it.`;
  },
  columns: (answer) => ({ score: (answer as LikertAnswer).score }),
};
