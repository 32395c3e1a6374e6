"use client";

import type { ComponentProps } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { JudgePair, type RatingActions } from "./judge-pair";
import { RatingSession } from "./rating-session";

const said = (message: string) => async (): Promise<FormState> => ({ ok: true, message });

/** What the preview's buttons do: nothing, and they say so. */
const NOTHING: RatingActions = {
  submit: said("Preview: this choice was not recorded. A rater would now get their next item."),
  skip: said("Preview: nothing was skipped. A rater would now get their next item."),
  flag: said("Preview: nothing was reported. A rater would stay on this item."),
};
const undoNothing = said("Preview: nothing was taken back, since nothing was recorded.");

/**
 * The rating view of one example item for a study's researchers, with the components raters
 * get, whose actions record nothing and say so.
 */
export function PreviewPair(props: Omit<ComponentProps<typeof JudgePair>, "actions" | "takeFocus">) {
  return (
    <RatingSession undo={undoNothing}>
      <JudgePair {...props} actions={NOTHING} takeFocus={false} />
    </RatingSession>
  );
}
