// An absolute study as the browser knows it: one answer alone and the paper's three labels.
import { LABELS, type KindView, type RatingView } from "../kind";
import { WORDING } from "./wording";

/** The paper's labels for one answer alone. */
const RATING: RatingView = {
  shows: "answer",
  question: "How well does this answer meet the request?",
  questionShown: false,
  options: [
    { answer: { kind: "absolute", label: "fail" }, label: "Fail: it does not meet the request", key: "F" },
    { answer: { kind: "absolute", label: "pass" }, label: "Pass: it meets the request", key: "P" },
    { answer: { kind: "absolute", label: "excellent" }, label: "Excellent: it meets it very well", key: "E" },
  ],
};

/** The kind as the browser knows it: its words, what it measures and what a rater is shown. */
export const VIEW: KindView = { ...WORDING, measure: { shape: "labels", categories: LABELS, turns: "one" }, rating: RATING };
