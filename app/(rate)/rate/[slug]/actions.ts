"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/components/rating/judge-pair";
import { skipAssignment } from "@/lib/assign/skip-assignment";
import { requireRole } from "@/lib/auth";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { flagPair } from "@/lib/judgments/flag-pair";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { flagSchema, judgmentSchema, skipSchema } from "@/lib/validation/judgment";

// Each action revalidates the rating page, so the same round trip carries the rater's next pair.
// A database that cannot be reached is said so, and the rater's page keeps what they entered.
// The page binds its study's slug as the first argument; the write checks the assignment against it.
async function rateAction<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false } },
  slug: unknown,
  input: unknown,
  act: (raterId: string, slug: string, data: T) => Promise<unknown>,
  notice?: string,
): Promise<ActionResult> {
  try {
    const rater = await requireRole("rater");
    const parsed = schema.safeParse(input);
    if (!parsed.success || typeof slug !== "string") return { error: "That could not be read; please try again." };
    await act(rater.id, slug, parsed.data);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { error: DATABASE_UNAVAILABLE_MESSAGE };
    if (!(error instanceof AppError)) throw error;
    revalidatePath("/rate/[slug]", "page");
    return { error: error.userMessage };
  }
  revalidatePath("/rate/[slug]", "page");
  return notice ? { notice } : {};
}

export async function submitJudgmentAction(slug: unknown, input: unknown) {
  return rateAction(judgmentSchema, slug, input, submitJudgment);
}

export async function skipAction(slug: unknown, input: unknown) {
  return rateAction(skipSchema, slug, input, (raterId, studySlug, data) => skipAssignment(raterId, studySlug, data.assignmentId, data.reason));
}

export async function flagAction(slug: unknown, input: unknown) {
  return rateAction(flagSchema, slug, input, flagPair, "Thank you: the problem is reported. You can still judge this pair or skip it.");
}
