// The paper's absolute study: each answer alone, labelled Fail, Pass or Excellent.
import { LABELS, type StudyKind } from "../kind";
import { EXPORT_COLUMNS } from "./export-columns";
import { JUDGMENT, RATING } from "./judgment";
import { WORDING } from "./wording";

export const ABSOLUTE: StudyKind = { ...WORDING, measure: { shape: "labels", categories: LABELS, turns: "one" }, judgment: JUDGMENT, rating: RATING, exportColumns: EXPORT_COLUMNS };
