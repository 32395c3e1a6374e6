"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { requireStudy } from "@/lib/studies/find-study";
import { updateStudySettings } from "@/lib/studies/study-settings";
import { studySettingsSchema } from "@/lib/validation/study";

export interface SettingsState {
  fieldErrors?: Record<string, string>;
  error?: string;
  saved?: boolean;
}

export async function saveSettingsAction(_previous: SettingsState, form: FormData): Promise<SettingsState> {
  const researcher = await requireRole("researcher", "admin");
  // Ticked checkboxes repeat their name: all of them, not the last.
  const parsed = studySettingsSchema.safeParse({ ...Object.fromEntries(form), activeBaselines: form.getAll("activeBaselines") });
  if (!parsed.success) {
    return { fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) };
  }
  const slug = String(form.get("slug"));
  try {
    const study = await requireStudy(slug);
    const fieldErrors = await updateStudySettings(study.id, parsed.data, researcher.id);
    if (Object.keys(fieldErrors).length) return { fieldErrors };
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath(`/studies/${slug}`);
  return { saved: true };
}
