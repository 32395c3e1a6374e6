// The registry of study kinds: every layer asks it what differs by kind instead of switching on
// the kind. A kind is a folder beside these four (its wording, its judgment, its results) and
// its entry here. This module works in the browser; the results of each kind are in ./results.
import { ABSOLUTE } from "./absolute";
import type { KindName, RatingOption, StudyKind, StudyOffers } from "./kind";
import { LIKERT } from "./likert";
import { MULTITURN } from "./multiturn";
import { PAIRWISE } from "./pairwise";

export {
  DEFAULT_KIND,
  KIND_NAMES,
  LABELS,
  type Answer,
  type AnswerSchema,
  type ExportColumn,
  type ExportColumns,
  type JudgmentColumns,
  type KindJudgment,
  type KindName,
  type KindWording,
  type LabelName,
  type Measure,
  type RatingOption,
  type RatingView,
  type StudyKind,
  type StudyOffers,
} from "./kind";
export { LIKERT_SCALE } from "./likert/wording";

export const KINDS: Record<KindName, StudyKind> = { pairwise: PAIRWISE, absolute: ABSOLUTE, likert: LIKERT, multiturn: MULTITURN };

/** Capitalised, for a label that starts with the item: "Pairs per rater". */
export const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * What a study's raters are asked and the options they get: its kind's, on the study's own scale
 * for a study of scores, then "Both are bad" where the kind has it and the study offers it.
 */
export function ratingOptions(
  kind: KindName,
  study: { scale?: { min: number; max: number }; offers?: StudyOffers } = {},
): { question: string; options: readonly RatingOption[] } {
  const view = KINDS[kind].rating;
  const { question, options } = study.scale && view.onScale ? view.onScale(study.scale) : view;
  return { question, options: study.offers?.bothBad && view.bothBad ? [...options, view.bothBad] : options };
}
