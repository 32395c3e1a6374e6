"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { setGoldVerdict } from "@/lib/studies/gold-pairs";
import { findStudyFor } from "@/lib/studies/study-access";

const goldSchema = z.object({
  slug: z.string().min(1).max(60),
  pairId: z.string().min(1).max(64),
  goldVerdict: z.enum(["none", "win", "tie", "loss"]),
});

export async function setGoldAction(_previous: { error?: string; saved?: string }, form: FormData): Promise<{ error?: string; saved?: string }> {
  const viewer = await requireRole("researcher", "admin");
  const parsed = goldSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "That could not be read; please try again." };
  const study = await findStudyFor(parsed.data.slug, viewer);
  if (!study) return { error: "That study does not exist." };
  try {
    await setGoldVerdict(study.id, parsed.data.pairId, parsed.data.goldVerdict === "none" ? null : parsed.data.goldVerdict);
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath(`/studies/${parsed.data.slug}/prompts`, "layout");
  return { saved: "Saved." };
}
