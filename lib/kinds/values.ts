// The values a judgment holds, as one relation of (value, turn) for every kind: a label or a score
// is one value at turn 1, a conversation's labels are one value per assistant turn. Results,
// raters and the bundle's recomputation count these, so they need no other word of the kind.
import type { Measure } from "./kind";

export interface JudgmentValues {
  verdict?: string | null;
  label?: string | null;
  score?: number | null;
  turnLabels?: readonly string[] | null;
}

export interface TurnValue {
  value: string;
  turn: number;
}

/** The kind's values in order (labels worst first, a scale lowest first): the index of each count. */
export function valueKeys(measure: Measure): string[] {
  if (measure.shape === "labels") return [...measure.categories];
  if (measure.shape === "scores") return Array.from({ length: measure.scale.max - measure.scale.min + 1 }, (_, index) => String(measure.scale.min + index));
  return ["loss", "tie", "win"];
}
