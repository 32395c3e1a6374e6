// The paper's absolute study: each answer alone, labelled Fail, Pass or Excellent.
import type { StudyKind } from "../kind";
import { EXPORT_COLUMNS } from "./export-columns";
import { JUDGMENT } from "./judgment";
import { VIEW } from "./view";

export const ABSOLUTE: StudyKind = { ...VIEW, judgment: JUDGMENT, exportColumns: EXPORT_COLUMNS };
