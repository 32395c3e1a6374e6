// The rating page's own keys, the same in every kind of study: beside the options' keys (each
// kind's, in its view.ts), never one of them (kinds.test.ts holds every kind, on every scale
// a study may state, to that). Plain data, for the browser.
import { ratingOptions } from "./views";
import type { KindName, RatingOption, StudyOffers } from "./kind";

export interface RaterKey {
  /** The keys as `KeyboardEvent.key` gives them, upper case for letters; the first is the one shown. */
  keys: readonly string[];
  /** What it does, as the keyboard help says it. */
  does: string;
}

/** Skip, report, undo and help: what the rater does besides choosing. */
export const RATER_KEYS = {
  skip: { keys: ["S"], does: "Skip this item (choose the reason, then Skip)" },
  flag: { keys: ["R"], does: "Report a problem with it" },
  undo: { keys: ["U"], does: "Undo your last choice, for a minute after it" },
  help: { keys: ["?", "H"], does: "Show or hide these keys" },
} as const satisfies Record<string, RaterKey>;

export type RaterAction = keyof typeof RATER_KEYS;

/** The action a key press stands for, if any: letters in either case. */
export function raterActionOf(key: string): RaterAction | undefined {
  const pressed = key.length === 1 ? key.toUpperCase() : key;
  return (Object.keys(RATER_KEYS) as RaterAction[]).find((action) => (RATER_KEYS[action].keys as readonly string[]).includes(pressed));
}

/**
 * The keys a kind's raters are shown in the keyboard help: its options' (on the study's scale,
 * "Both are bad" among them where the study offers it), then the rater's own.
 */
export function keysOf(kind: KindName, scale?: { min: number; max: number }, offers?: StudyOffers): { options: readonly RatingOption[]; own: typeof RATER_KEYS } {
  const { options } = ratingOptions(kind, { scale, offers });
  return { options: options.filter((option) => option.key !== ""), own: RATER_KEYS };
}
