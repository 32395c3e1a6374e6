// What the judge is asked for each pair: by default the raters' own instructions and the paper's
// three options, so that its verdicts answer the same question as the raters'.

export const DEFAULT_JUDGE_PROMPT = `You are judging two answers to the same question, as the human raters of this study do.

{instructions}

Question:
{prompt}

Answer A:
{answer_a}

Answer B:
{answer_b}

Imagine you have a very capable AI assistant and need help with this question: which answer best satisfies your needs? Reply with exactly one of these lines and nothing else:
Answer A is significantly better
Answer B is significantly better
Neither is significantly better`;

export interface PairTexts {
  instructions: string;
  prompt: string;
  answerA: string;
  answerB: string;
}

/** The template with its placeholders filled in one pass, so an answer that itself contains "{answer_b}" stays as written. */
export function fillJudgePrompt(template: string, texts: PairTexts): string {
  const values: Record<string, string> = { instructions: texts.instructions, prompt: texts.prompt, answer_a: texts.answerA, answer_b: texts.answerB };
  return template.replace(/\{(instructions|prompt|answer_a|answer_b)\}/g, (_whole, name: string) => values[name]);
}
