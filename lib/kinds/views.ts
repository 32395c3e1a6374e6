// What the browser needs of each kind (its words, what it measures, what a rater is shown), without
// the schemas and export columns the server checks and writes with (the registry's judgment and
// exportColumns), so that the rating page and the study forms do not carry zod to every rater.
import { VIEW as ABSOLUTE } from "./absolute/view";
import type { KindName, KindView, RatingOption, StudyOffers } from "./kind";
import { VIEW as LIKERT } from "./likert/view";
import { VIEW as MULTITURN } from "./multiturn/view";
import { VIEW as PAIRWISE } from "./pairwise/view";

export const KIND_VIEWS: Record<KindName, KindView> = { pairwise: PAIRWISE, absolute: ABSOLUTE, likert: LIKERT, multiturn: MULTITURN };

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
  const view = KIND_VIEWS[kind].rating;
  const { question, options } = study.scale && view.onScale ? view.onScale(study.scale) : view;
  return { question, options: study.offers?.bothBad && view.bothBad ? [...options, view.bothBad] : options };
}
