// The paper's ablation study: each answer's helpfulness on a scale from 1 to 6.
import type { StudyKind } from "../kind";
import { EXPORT_COLUMNS } from "./export-columns";
import { JUDGMENT } from "./judgment";
import { VIEW } from "./view";

export const LIKERT: StudyKind = { ...VIEW, judgment: JUDGMENT, exportColumns: EXPORT_COLUMNS };
