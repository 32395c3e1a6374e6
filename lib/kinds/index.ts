// The registry of study kinds: every layer asks it what differs by kind instead of switching on
// the kind. A new kind is a module beside these four and its entry here.
import { ABSOLUTE } from "./absolute";
import type { KindName, KindWording } from "./kind";
import { LIKERT } from "./likert";
import { MULTITURN } from "./multiturn";
import { PAIRWISE } from "./pairwise";

export { KIND_NAMES, type KindName, type KindWording } from "./kind";
export { LIKERT_SCALE } from "./likert";

export const KINDS: Record<KindName, KindWording> = { pairwise: PAIRWISE, absolute: ABSOLUTE, likert: LIKERT, multiturn: MULTITURN };

/** Capitalised, for a label that starts with the item: "Pairs per rater". */
export const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
