// What a study kind says to people: its name on the forms, the word for what raters are given
// one at a time, and the title and instructions raters get when the researcher leaves them
// empty (the paper's own framing for each of its four studies). Plain data, so the new-study
// form can follow the kind chosen in the browser.

export const KIND_NAMES = ["pairwise", "absolute", "likert", "multiturn"] as const;
export type KindName = (typeof KIND_NAMES)[number];

export interface KindWording {
  kind: KindName;
  /** The kind in a few words, as the study list shows it. */
  label: string;
  /** The choice on the new-study form. */
  choice: string;
  /** The new-study page's heading once the kind is chosen. */
  heading: string;
  /** What a rater is given one at a time: a pair, an answer, a conversation. */
  item: { one: string; many: string };
  raterTitle: string;
  /** Markdown, shown before the first item. */
  instructions: string;
}

/** The paper's framing of every kind's question. */
export const CAPABLE_ASSISTANT = "Imagine that you have a very capable AI assistant and you need help with the question below.";
export const BLIND = "You are not told which assistant wrote which answer.";

/** The labels of the paper's absolute and dialogue studies, worst first (their order on a scale). */
export const LABELS = ["fail", "pass", "excellent"] as const;
export type LabelName = (typeof LABELS)[number];

/**
 * What a kind's judgments measure, which decides how its results are counted and shown: a
 * preference between two answers, labels of one answer (its single reply, or each assistant turn
 * of a conversation), or scores on a scale.
 */
export type Measure =
  | { shape: "preference" }
  | { shape: "labels"; categories: readonly LabelName[]; turns: "one" | "each" }
  | { shape: "scores"; scale: { readonly min: number; readonly max: number } };

/** Everything a study kind says that works in the browser as on the server. */
export interface StudyKind extends KindWording {
  measure: Measure;
}
