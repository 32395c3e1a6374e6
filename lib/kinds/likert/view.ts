// A Likert study as the browser knows it: one answer and a point of the study's scale to choose.
import type { KindView, RatingOption, RatingView } from "../kind";
import { LIKERT_SCALE, WORDING } from "./wording";

const { min, max } = LIKERT_SCALE;

/** Each point of the paper's scale named, lowest first: the rubric raters see. */
const POINTS = ["Not helpful", "Slightly helpful", "Somewhat helpful", "Helpful", "Very helpful", "Highly helpful"];

/**
 * One option per point, its key its number (a point of two digits has no key). The paper's six
 * points are named; on another scale only the ends are.
 */
function onScale(scale: { min: number; max: number }) {
  const paper = scale.min === min && scale.max === max;
  const name = (score: number) => (paper ? POINTS[score - min] : score === scale.min ? "Not helpful" : score === scale.max ? "Highly helpful" : null);
  const options: RatingOption[] = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => {
    const score = scale.min + i;
    const named = name(score);
    return { answer: { kind: "likert", score }, label: named ? `${score}: ${named}` : String(score), key: score < 10 ? String(score) : "" };
  });
  return { question: `How helpful is this answer, from ${scale.min} (not helpful) to ${scale.max} (highly helpful)?`, options };
}

const RATING: RatingView = { shows: "answer", questionShown: true, ...onScale(LIKERT_SCALE), onScale };

/** The kind as the browser knows it: its words, what it measures and what a rater is shown. */
export const VIEW: KindView = { ...WORDING, measure: { shape: "scores", scale: LIKERT_SCALE }, rating: RATING };
