// The paper's absolute study (its analysis of 50 answers): one answer alone, labelled Fail, Pass
// or Excellent by whether it meets the prompt's requirements.
import { BLIND, CAPABLE_ASSISTANT, type KindWording } from "../kind";

export const WORDING: KindWording = {
  kind: "absolute",
  label: "Fail / Pass / Excellent",
  choice: "Label each answer alone as Fail, Pass or Excellent (every system's answers)",
  heading: "New absolute study: Fail, Pass or Excellent",
  item: { one: "answer", many: "answers" },
  raterTitle: "Label an answer",
  instructions: `${CAPABLE_ASSISTANT}

You will see the question and one answer. Label the answer:

- **Fail**: it does not meet the requirements of the question
- **Pass**: it meets the requirements of the question
- **Excellent**: it is an excellent answer to the question

Judge the answer on its own merits. ${BLIND}`,
};
