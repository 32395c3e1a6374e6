// The paper's main study: which of two answers to one prompt is better.
import type { StudyKind } from "../kind";
import { EXPORT_COLUMNS } from "./export-columns";
import { JUDGMENT, RATING } from "./judgment";
import { WORDING } from "./wording";

export const PAIRWISE: StudyKind = { ...WORDING, measure: { shape: "preference" }, judgment: JUDGMENT, rating: RATING, exportColumns: EXPORT_COLUMNS };
