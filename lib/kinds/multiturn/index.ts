// The paper's dialogue study: every assistant turn of a conversation labelled Fail, Pass or Excellent.
import { LABELS, type StudyKind } from "../kind";
import { WORDING } from "./wording";

export const MULTITURN: StudyKind = { ...WORDING, measure: { shape: "labels", categories: LABELS, turns: "each" } };
