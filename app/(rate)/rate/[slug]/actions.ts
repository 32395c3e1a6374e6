"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, UNREADABLE } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { skipAssignment } from "@/lib/assign/skip-assignment";
import { AppError } from "@/lib/errors";
import { flagPair } from "@/lib/judgments/flag-pair";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { undoJudgment } from "@/lib/judgments/undo-judgment";
import { giveConsent } from "@/lib/rater-steps/consent";
import { answerTraining, type TrainingFeedback } from "@/lib/rater-steps/training";
import { flagSchema, judgmentSchema, skipSchema, undoSchema } from "@/lib/validation/judgment";
import { trainingAnswerSchema } from "@/lib/validation/rater-steps";
import { isSlug } from "@/lib/validation/study";

const NOTHING = z.object({});
const refreshRatingPage = () => revalidatePath("/rate/[slug]", "page");

// Each action revalidates the rating page, so the same round trip carries the rater's next pair
// (a refused one too: the pair may have gone). A database that cannot be reached is said so, and
// the rater's page keeps what they entered. The page binds its study's slug as the first
// argument; the write checks the assignment against it.
async function rateAction<S extends z.ZodType>(
  slug: unknown,
  input: unknown,
  schema: S,
  act: (raterId: string, slug: string, data: z.output<S>) => Promise<unknown>,
  message?: string,
): Promise<FormState> {
  return formAction(input, {
    who: ["rater"], on: "nothing", schema, unreadable: UNREADABLE,
    work: async ({ user, data }) => {
      if (typeof slug !== "string" || !isSlug(slug)) return { error: UNREADABLE };
      await act(user.id, slug, data).catch((error: unknown) => {
        if (error instanceof AppError) refreshRatingPage();
        throw error;
      });
      refreshRatingPage();
      return message ? { ok: true, message } : { ok: true };
    },
  });
}

export async function submitJudgmentAction(slug: unknown, input: unknown) {
  return rateAction(slug, input, judgmentSchema, submitJudgment);
}

export async function skipAction(slug: unknown, input: unknown) {
  return rateAction(slug, input, skipSchema, (raterId, studySlug, data) => skipAssignment(raterId, studySlug, data.assignmentId, data.reason));
}

export async function flagAction(slug: unknown, input: unknown) {
  return rateAction(slug, input, flagSchema, flagPair, "Thank you: the problem is reported. You can still judge it or skip it.");
}

export async function undoJudgmentAction(slug: unknown, input: unknown) {
  return rateAction(slug, input, undoSchema, (raterId, studySlug, data) => undoJudgment(raterId, studySlug, data.assignmentId), "Your last choice was taken back: choose again.");
}

export async function consentAction(slug: unknown) {
  return rateAction(slug, {}, NOTHING, (raterId, studySlug) => giveConsent(raterId, studySlug));
}

/** A training answer and whether it was right; the page moves on when the rater asks (it keeps the feedback on screen till then). */
export async function trainingAnswerAction(slug: unknown, input: unknown): Promise<FormState<TrainingFeedback>> {
  return formAction(input, {
    who: ["rater"], on: "nothing", schema: trainingAnswerSchema, unreadable: UNREADABLE,
    work: async ({ user, data }) => {
      if (typeof slug !== "string" || !isSlug(slug)) return { error: UNREADABLE };
      return { ok: true, value: await answerTraining(user.id, slug, data) };
    },
  });
}
