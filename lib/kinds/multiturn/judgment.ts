// A multi-turn judgment: a label for every assistant turn of a conversation, in order.
import { z } from "zod";
import { LABELS, type KindJudgment } from "../kind";

export const MULTITURN_ANSWER = z.object({
  kind: z.literal("multiturn"),
  turnLabels: z.array(z.enum(LABELS, "must be fail, pass or excellent")).min(1, "must label at least one turn").max(100, "must be at most 100 labels"),
});
export type MultiturnAnswer = z.output<typeof MULTITURN_ANSWER>;

const eachTurn = "label each one Fail, Pass or Excellent.";

export const JUDGMENT: KindJudgment = {
  schema: MULTITURN_ANSWER,
  field: "turnLabels",
  described: "a label per turn",
  asks: `This conversation asks for a label per assistant turn: ${eachTurn}`,
  /** One label per assistant turn of the answer. */
  checkTurns: (answer: MultiturnAnswer, turns: number) =>
    answer.turnLabels.length === turns ? null : `This conversation has ${turns} assistant turn${turns === 1 ? "" : "s"}: ${eachTurn}`,
  columns: (answer: MultiturnAnswer) => ({ turnLabels: answer.turnLabels }),
};
