// An absolute judgment: one answer alone, labelled Fail, Pass or Excellent.
import { z } from "zod";
import { LABELS, type KindJudgment } from "../kind";

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
