// The paper's main study: which of two answers to one prompt is better.
import type { StudyKind } from "../kind";
import { EXPORT_COLUMNS } from "./export-columns";
import { JUDGMENT } from "./judgment";
import { VIEW } from "./view";

export const PAIRWISE: StudyKind = { ...VIEW, judgment: JUDGMENT, exportColumns: EXPORT_COLUMNS };
