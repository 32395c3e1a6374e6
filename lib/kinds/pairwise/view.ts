// A pairwise study as the browser knows it: two answers side by side and the paper's three
// options, with "Both are bad" for a study that offers it.
import type { KindView, RatingOption, RatingView } from "../kind";
import { WORDING } from "./wording";

/** The fourth option, for studies that offer it: both answers fail the rater, so neither is better. */
const BOTH_BAD: RatingOption = { answer: { kind: "pairwise", choice: "both_bad" }, label: "Both are bad", key: "X" };

/** The paper's three options for two answers side by side, and "Both are bad" for a study that offers it. */
const RATING: RatingView = {
  shows: "pair",
  question: "Which answer best satisfies your needs?",
  questionShown: false,
  options: [
    { answer: { kind: "pairwise", choice: "left" }, label: "Answer A is significantly better", key: "A" },
    { answer: { kind: "pairwise", choice: "right" }, label: "Answer B is significantly better", key: "B" },
    { answer: { kind: "pairwise", choice: "neither" }, label: "Neither is significantly better", key: "N" },
  ],
  bothBad: BOTH_BAD,
};

/** The kind as the browser knows it: its words, what it measures and what a rater is shown. */
export const VIEW: KindView = { ...WORDING, measure: { shape: "preference" }, rating: RATING };
