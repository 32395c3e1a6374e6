// The paper's dialogue study: every assistant turn of a conversation labelled Fail, Pass or Excellent.
import { LABELS, type StudyKind } from "../kind";
import { EXPORT_COLUMNS } from "./export-columns";
import { JUDGMENT, RATING } from "./judgment";
import { WORDING } from "./wording";

export const MULTITURN: StudyKind = { ...WORDING, measure: { shape: "labels", categories: LABELS, turns: "each" }, judgment: JUDGMENT, rating: RATING, exportColumns: EXPORT_COLUMNS };
