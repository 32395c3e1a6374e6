// A multi-turn study as the browser knows it: each assistant turn with its own Fail, Pass or
// Excellent, sent together.
import { LABELS, type KindView, type RatingView } from "../kind";
import { WORDING } from "./wording";

/** Each turn labelled with radio buttons, the labels sent together: no one-key options. */
const RATING: RatingView = {
  shows: "turns",
  question: "How well does each of the assistant's turns meet the request: Fail, Pass or Excellent?",
  questionShown: true,
  options: [],
  turnLabels: {
    choices: [
      { value: "fail", name: "Fail" },
      { value: "pass", name: "Pass" },
      { value: "excellent", name: "Excellent" },
    ],
    submit: "Submit the labels",
    answer: (labels) => ({ kind: "multiturn", turnLabels: labels }),
  },
};

/** The kind as the browser knows it: its words, what it measures and what a rater is shown. */
export const VIEW: KindView = { ...WORDING, measure: { shape: "labels", categories: LABELS, turns: "each" }, rating: RATING };
