"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { judgmentSchema } from "@/lib/validation/judgment";

// Revalidating the rating page makes this same round trip carry the rater's next pair.
export async function submitJudgmentAction(input: unknown): Promise<{ error?: string }> {
  const rater = await requireRole("rater");
  const parsed = judgmentSchema.safeParse(input);
  if (!parsed.success) return { error: "That answer could not be read; please choose again." };
  try {
    await submitJudgment(rater.id, parsed.data);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    revalidatePath("/rate/[slug]", "page");
    return { error: error.userMessage };
  }
  revalidatePath("/rate/[slug]", "page");
  return {};
}
