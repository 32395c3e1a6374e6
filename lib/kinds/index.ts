// The registry of study kinds: every layer asks it what differs by kind instead of switching on
// the kind. A kind is a folder beside these four (its wording, its judgment, its results) and
// its entry here. This module works in the browser; the results of each kind are in ./results.
import { ABSOLUTE } from "./absolute";
import type { KindName, StudyKind } from "./kind";
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
} from "./kind";
export { LIKERT_SCALE } from "./likert/wording";

export const KINDS: Record<KindName, StudyKind> = { pairwise: PAIRWISE, absolute: ABSOLUTE, likert: LIKERT, multiturn: MULTITURN };

/** Capitalised, for a label that starts with the item: "Pairs per rater". */
export const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
