"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { createStudy } from "@/lib/studies/create-study";
import { newStudySchema } from "@/lib/validation/study";

export interface NewStudyState {
  fieldErrors?: Record<string, string>;
  error?: string;
}

export async function createStudyAction(_previous: NewStudyState, form: FormData): Promise<NewStudyState> {
  const researcher = await requireRole("researcher", "admin");
  const parsed = newStudySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) };
  }
  try {
    await createStudy(parsed.data, researcher.id);
  } catch (error) {
    if (error instanceof AppError) return { fieldErrors: { slug: error.userMessage } };
    throw error;
  }
  redirect(`/studies/${parsed.data.slug}/import`);
}
