// The paper's main study: two answers to one prompt, side by side, three options (a fourth,
// "Both are bad", where the study offers it).
import { BLIND, CAPABLE_ASSISTANT, type KindWording } from "../kind";

const instructions = (bothBad: boolean) => `${CAPABLE_ASSISTANT}

You will see the question and two answers, **A** and **B**. Read both, then choose which answer best satisfies your needs:

- **Answer A is significantly better**
- **Answer B is significantly better**
- **Neither is significantly better**
${bothBad ? "- **Both are bad**: neither answer satisfies your needs at all\n" : ""}
Judge the answers on their own merits. ${BLIND}`;

export const WORDING: KindWording = {
  kind: "pairwise",
  label: "pairwise",
  choice: "Judge two answers side by side (the paper's main study)",
  heading: "New pairwise study",
  item: { one: "pair", many: "pairs" },
  raterTitle: "Compare two answers",
  instructions: instructions(false),
  instructionsWithBothBad: instructions(true),
};
