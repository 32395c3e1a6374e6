// The paper's ablation study: each answer's helpfulness on a scale from 1 to 6.
import type { StudyKind } from "../kind";
import { EXPORT_COLUMNS } from "./export-columns";
import { JUDGMENT, RATING } from "./judgment";
import { LIKERT_SCALE, WORDING } from "./wording";

export const LIKERT: StudyKind = { ...WORDING, measure: { shape: "scores", scale: LIKERT_SCALE }, judgment: JUDGMENT, rating: RATING, exportColumns: EXPORT_COLUMNS };
