import { KIND_VIEWS } from "./views";
import type { KindName } from "./kind";

/**
 * Whether a kind's raters compare two answers: what an LLM judge's verdicts, gold verdicts, a
 * pair design, results.tex and Figure 2 are made of, and what one prompt per rater keeps blind.
 */
export const comparesTwoAnswers = (kind: KindName) => KIND_VIEWS[kind].measure.shape === "preference";
