// The paper's ablation study: each answer's helpfulness on a scale from 1 to 6.
import type { StudyKind } from "../kind";
import { LIKERT_SCALE, WORDING } from "./wording";

export const LIKERT: StudyKind = { ...WORDING, measure: { shape: "scores", scale: LIKERT_SCALE } };
