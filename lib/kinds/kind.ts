// What a study kind says to people: its name on the forms, the word for what raters are given
// one at a time, and the title and instructions raters get when the researcher leaves them
// empty (the paper's own framing for each of its four studies). Plain data, so the new-study
// form can follow the kind chosen in the browser. Then what its judgment is: the rater's answer,
// its columns, the rater's view of an item, and the columns of its export.
import type { z } from "zod";
import type { Choice, Side, Verdict } from "@/lib/assign/policy";
import type { ABSOLUTE_ANSWER } from "./absolute/judgment";
import type { LIKERT_ANSWER } from "./likert/judgment";
import type { MULTITURN_ANSWER } from "./multiturn/judgment";
import type { PAIRWISE_ANSWER } from "./pairwise/judgment";

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
  /** For a kind of scores: the instructions on a study's own scale. */
  instructionsOn?(scale: { min: number; max: number }): string;
  /** For a kind of two answers: the instructions of a study that offers "Both are bad" too. */
  instructionsWithBothBad?: string;
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

/** The kind a study is unless its researchers choose another (the schema's default). */
export const DEFAULT_KIND: KindName = "pairwise";

/** Every kind's schema of a rater's answer: the members of one union on the field `kind`. */
export type AnswerSchema = typeof PAIRWISE_ANSWER | typeof ABSOLUTE_ANSWER | typeof LIKERT_ANSWER | typeof MULTITURN_ANSWER;
/** A rater's answer, of whichever kind: `kind` says which. */
export type Answer = z.output<AnswerSchema>;

/** An answer as the "Judgment" columns hold it: each kind fills its own and leaves the others empty. */
export interface JudgmentColumns {
  choice?: Choice;
  /** The choice in the target's terms: only a verdict can be checked against a gold pair's. */
  verdict?: Verdict;
  label?: LabelName;
  score?: number;
  turnLabels?: LabelName[];
}

/** A kind's judgment: what a rater's answer must be, and how it is stored. */
export interface KindJudgment {
  schema: AnswerSchema;
  /** The answer's field, by which an answer sent without its kind is told apart. */
  field: string;
  /** The field as the refusal of an answer without one says it: "a choice (left, right, neither or both_bad)". */
  described: string;
  /** Said when an answer of another kind comes for this kind's item. */
  asks: string;
  /**
   * Present when the answer is checked against the item's number of assistant turns (a single
   * answer counts as one): what is wrong with the answer, or null.
   */
  checkTurns?(answer: Answer, turns: number): string | null;
  /** Present when the answer lies on the study's scale: what is wrong with it, or null. */
  checkScale?(answer: Answer, scale: { min: number; max: number }): string | null;
  /** Present when an answer may be one the study offers or not ("Both are bad"): why it is refused, or null. */
  checkOffered?(answer: Answer, offers: StudyOffers): string | null;
  /** The answer's columns; `targetSide` is where the target's answer was shown. */
  columns(answer: Answer, context: { targetSide: Side }): JudgmentColumns;
}

/** What a study may offer its raters beyond its kind's own options. */
export interface StudyOffers {
  /** "Both are bad": a fourth option beside two answers, stored as a tie in the target's terms. */
  bothBad: boolean;
}

/** One of the rater's options: a button that sends its answer, also chosen by its key. */
export interface RatingOption {
  answer: Answer;
  label: string;
  key: string;
}

/** What the rater's view of one item shows and asks. */
export interface RatingView {
  /** Two answers side by side (A and B), one answer, or a conversation with a label per assistant turn. */
  shows: "pair" | "answer" | "turns";
  /** The rater's question: it names the options, and is printed above them when `questionShown`. */
  question: string;
  questionShown: boolean;
  /** One button each, in order. */
  options: readonly RatingOption[];
  /** For a kind of two answers: the option a study may add after the others, "Both are bad". */
  bothBad?: RatingOption;
  /** For a study of scores: the question and the options on the study's own scale. */
  onScale?(scale: { min: number; max: number }): { question: string; options: readonly RatingOption[] };
  /** In a view of turns: the labels each turn is given (radio buttons), all sent by one button. */
  turnLabels?: {
    choices: readonly { value: LabelName; name: string }[];
    submit: string;
    answer(labels: LabelName[]): Answer;
  };
}

/** A column of the judgments' export: its name, and its SQL over the aliases ExportColumns lists. */
export interface ExportColumn {
  name: string;
  sql: string;
  /** How JSON lines carry it, when not as text. */
  json?: "number";
}

/**
 * What one row of a kind's judgments export holds beyond what every row does (the study, the
 * prompt, the rationale, the rater, whether they are excluded, their time and the date). The SQL
 * reads a judgment `j`, its pair `p`, the target's system `ts`, the baseline's `bs` (absent from a
 * single answer) and, one row per labelled turn, `turn (label, position)`.
 */
export interface ExportColumns {
  /** The name of the item's id: a pair's, or one answer's. */
  item: string;
  /** The systems, after the prompt. */
  systems: readonly ExportColumn[];
  /** The answer, after the systems. */
  answer: readonly ExportColumn[];
  /** Whether each row says if its pair is a gold one. */
  gold: boolean;
  /** One row per labelled turn (numbered from 1) rather than per judgment. */
  perTurn: boolean;
}

/** What the browser needs of a kind: its words, what its judgments measure, what a rater is shown. */
export interface KindView extends KindWording {
  measure: Measure;
  rating: RatingView;
}

/** Everything a study kind says: its view, and the schema and columns the server checks and writes with. */
export interface StudyKind extends KindView {
  judgment: KindJudgment;
  exportColumns: ExportColumns;
}
