// The paper's main study: which of two answers to one prompt is better.
import type { StudyKind } from "../kind";
import { WORDING } from "./wording";

export const PAIRWISE: StudyKind = { ...WORDING, measure: { shape: "preference" } };
