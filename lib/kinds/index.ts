// The registry of study kinds: every layer asks it what differs by kind instead of switching on
// the kind. A kind is a folder beside these four (its wording, its judgment, its results) and
// its entry here. What the browser needs of a kind is in ./views, which carries no schemas; the
// results of each kind are in ./results.
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
  type KindView,
  type KindWording,
  type LabelName,
  type Measure,
  type RatingOption,
  type RatingView,
  type StudyKind,
  type StudyOffers,
} from "./kind";
export { LIKERT_SCALE } from "./likert/wording";
export { capitalised, KIND_VIEWS, ratingOptions } from "./views";

export const KINDS: Record<KindName, StudyKind> = { pairwise: PAIRWISE, absolute: ABSOLUTE, likert: LIKERT, multiturn: MULTITURN };
