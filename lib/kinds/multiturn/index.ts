// The paper's dialogue study: every assistant turn of a conversation labelled Fail, Pass or Excellent.
import type { StudyKind } from "../kind";
import { EXPORT_COLUMNS } from "./export-columns";
import { JUDGMENT } from "./judgment";
import { VIEW } from "./view";

export const MULTITURN: StudyKind = { ...VIEW, judgment: JUDGMENT, exportColumns: EXPORT_COLUMNS };
