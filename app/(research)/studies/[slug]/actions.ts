"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth";
import { rescanSelfNaming, setSelfNamingMode } from "@/lib/blind/study-self-naming";
import { AppError } from "@/lib/errors";
import { excludeRater, includeRater } from "@/lib/results/rater-exclusion";
import { findStudyFor, requireStudyFor } from "@/lib/studies/study-access";
import { changeStudyStatus } from "@/lib/studies/study-status";

const exclusionSchema = z.object({
  slug: z.string().min(1),
  rater: z.string().regex(/^rater-[0-9a-f]{10}$/),
  exclude: z.enum(["yes", "no"]),
  reason: z.string().trim().max(500).optional(),
});

/** Excludes a rater from the study's results, or lets them back in; the page then counts anew. */
export async function setRaterExcludedAction(form: FormData): Promise<void> {
  const researcher = await requireRole("researcher", "admin");
  // The form's own fields, so anything else was not sent from it: nothing to do.
  const parsed = exclusionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const { slug, rater, exclude, reason } = parsed.data;
  const study = (await findStudyFor(slug, researcher)) ?? notFound();
  if (exclude === "yes") await excludeRater(study.id, rater, researcher.id, reason || null);
  else await includeRater(study.id, rater, researcher.id);
  revalidatePath(`/studies/${slug}`);
}

export interface StatusActionState {
  error?: string;
}

const statusSchema = z.object({ slug: z.string().min(1), status: z.enum(["draft", "open", "paused", "closed"]) });

/** Opens, pauses, resumes or closes a study; a move the lifecycle does not allow says why. */
export async function setStudyStatusAction(_previous: StatusActionState, form: FormData): Promise<StatusActionState> {
  const researcher = await requireRole("researcher", "admin");
  const parsed = statusSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "That change is not valid." };
  try {
    const study = await requireStudyFor(parsed.data.slug, researcher);
    await changeStudyStatus(study.id, parsed.data.status, researcher.id);
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath(`/studies/${parsed.data.slug}`);
  return {};
}

const selfNamingSchema = z.object({ slug: z.string().min(1), mode: z.enum(["show", "redact"]) });

/** Shows raters answers that name their writer as they are, or with the names hidden. */
export async function setSelfNamingAction(form: FormData): Promise<void> {
  const researcher = await requireRole("researcher", "admin");
  const parsed = selfNamingSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const study = (await findStudyFor(parsed.data.slug, researcher)) ?? notFound();
  await setSelfNamingMode(study.id, parsed.data.mode, researcher.id).catch((error: unknown) => {
    // A closed study's form is not shown; a stale page's click changes nothing.
    if (!(error instanceof AppError)) throw error;
  });
  revalidatePath(`/studies/${parsed.data.slug}`);
}

/** Scans the study's answers again for names of their writers. */
export async function rescanSelfNamingAction(form: FormData): Promise<void> {
  const researcher = await requireRole("researcher", "admin");
  const parsed = z.object({ slug: z.string().min(1) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const study = (await findStudyFor(parsed.data.slug, researcher)) ?? notFound();
  await rescanSelfNaming(study.id);
  revalidatePath(`/studies/${parsed.data.slug}`);
}
