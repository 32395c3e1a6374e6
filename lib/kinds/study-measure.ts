import { KINDS } from "./index";
import type { KindName, Measure, StudyOffers } from "./kind";

/** What a study states of its own measure beside its kind: a study of scores, its scale. */
export interface StudyScale {
  scaleMin?: number | null;
  scaleMax?: number | null;
}

/** The study's measure: its kind's, with the scale the study states (the kind's when it states none). */
export function studyMeasure(kind: KindName, scale: StudyScale): Measure {
  const { measure } = KINDS[kind];
  const { scaleMin: min, scaleMax: max } = scale;
  if (measure.shape !== "scores" || min === null || min === undefined || max === null || max === undefined) return measure;
  return { ...measure, scale: { min, max } };
}

/** The scale columns a new study of `kind` stores: the given ends or the kind's, for a study of scores; none otherwise. */
export function scaleColumns(kind: KindName, scale: StudyScale = {}): { scaleMin: number | null; scaleMax: number | null } {
  const { measure } = KINDS[kind];
  if (measure.shape !== "scores") return { scaleMin: null, scaleMax: null };
  return { scaleMin: scale.scaleMin ?? measure.scale.min, scaleMax: scale.scaleMax ?? measure.scale.max };
}

/**
 * The instructions a study gets when the researcher leaves them empty: its kind's, on its own
 * scale, listing "Both are bad" where the study offers it.
 */
export function defaultInstructions(kind: KindName, scale: StudyScale = {}, offers?: StudyOffers): string {
  const measure = studyMeasure(kind, scale);
  const { instructions, instructionsOn, instructionsWithBothBad } = KINDS[kind];
  if (offers?.bothBad && instructionsWithBothBad) return instructionsWithBothBad;
  return measure.shape === "scores" && instructionsOn ? instructionsOn(measure.scale) : instructions;
}
