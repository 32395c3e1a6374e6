// An absolute judgment: one answer alone, labelled Fail, Pass or Excellent.
import { z } from "zod";
import { LABELS, type KindJudgment, type RatingView } from "../kind";

export const ABSOLUTE_ANSWER = z.object({
  kind: z.literal("absolute"),
  label: z.enum(LABELS, "must be fail, pass or excellent"),
});
export type AbsoluteAnswer = z.output<typeof ABSOLUTE_ANSWER>;

export const JUDGMENT: KindJudgment = {
  schema: ABSOLUTE_ANSWER,
  field: "label",
  described: "a label (fail, pass or excellent)",
  asks: "This answer asks for a label: fail, pass or excellent.",
  columns: (answer: AbsoluteAnswer) => ({ label: answer.label }),
};

/** The paper's labels for one answer alone. */
export const RATING: RatingView = {
  shows: "answer",
  question: "How well does this answer meet the request?",
  questionShown: false,
  options: [
    { answer: { kind: "absolute", label: "fail" }, label: "Fail: it does not meet the request", key: "F" },
    { answer: { kind: "absolute", label: "pass" }, label: "Pass: it meets the request", key: "P" },
    { answer: { kind: "absolute", label: "excellent" }, label: "Excellent: it meets it very well", key: "E" },
  ],
};
