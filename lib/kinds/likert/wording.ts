// The paper's ablation study: one answer alone, its helpfulness rated from 1 to 6.
import { BLIND, CAPABLE_ASSISTANT, type KindWording } from "../kind";

/** The paper's helpfulness scale: 1 (not helpful) to 6 (highly helpful). */
export const LIKERT_SCALE = { min: 1, max: 6 } as const;

/** The instructions on a study's scale: the paper's words, its ends named. */
function instructionsOn(scale: { min: number; max: number }) {
  return `${CAPABLE_ASSISTANT}

You will see the question and one answer. Rate how helpful the answer is to you, from **${scale.min} (not helpful)** to **${scale.max} (highly helpful)**.

Judge the answer on its own merits. ${BLIND}`;
}

export const WORDING: KindWording = {
  kind: "likert",
  label: "helpfulness 1–6",
  choice: "Rate each answer's helpfulness from 1 to 6 (every system's answers)",
  heading: "New helpfulness study: 1 to 6",
  item: { one: "answer", many: "answers" },
  raterTitle: "Rate an answer's helpfulness",
  instructions: instructionsOn(LIKERT_SCALE),
  instructionsOn,
};
