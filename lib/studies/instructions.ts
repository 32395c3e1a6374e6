/** The paper's framing of the pairwise question, the default instructions of a new study. */
export const PAIRWISE_INSTRUCTIONS = `Imagine that you have a very capable AI assistant and you need help with the question below.

You will see the question and two answers, **A** and **B**. Read both, then choose which answer best satisfies your needs:

- **Answer A is significantly better**
- **Answer B is significantly better**
- **Neither is significantly better**

Judge the answers on their own merits. You are not told which assistant wrote which answer.`;
