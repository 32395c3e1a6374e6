// A Likert judgment: one answer's helpfulness, a whole number on the study's scale (the paper's
// 1 to 6 unless the study states another).
import { z } from "zod";
import type { KindJudgment, RatingOption, RatingView } from "../kind";
import { LIKERT_SCALE } from "./wording";

/** The widest scale a study may state; its own is checked when the answer is recorded. */
const BOUNDS = { min: 0, max: 100 };

export const LIKERT_ANSWER = z.object({
  kind: z.literal("likert"),
  score: z
    .number("must be a whole number on the study's scale")
    .int("must be a whole number")
    .min(BOUNDS.min, `must be at least ${BOUNDS.min}`)
    .max(BOUNDS.max, `must be at most ${BOUNDS.max}`),
});
export type LikertAnswer = z.output<typeof LIKERT_ANSWER>;

const { min, max } = LIKERT_SCALE;

export const JUDGMENT: KindJudgment = {
  schema: LIKERT_ANSWER,
  field: "score",
  described: "a score (a whole number on the study's scale)",
  asks: "This answer asks for a helpfulness score on the study's scale.",
  checkScale: (answer, scale) => {
    const { score } = answer as LikertAnswer;
    return score >= scale.min && score <= scale.max ? null : `score: must be from ${scale.min} to ${scale.max}, this study's scale; ${score} is not on it.`;
  },
  columns: (answer) => ({ score: (answer as LikertAnswer).score }),
};

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

export const RATING: RatingView = { shows: "answer", questionShown: true, ...onScale(LIKERT_SCALE), onScale };
