"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { addCollaborator, removeCollaborator } from "@/lib/studies/collaborators";
import { cancelRun, createJudge, startRun } from "@/lib/judge/judges";
import { updateCrowdLink } from "@/lib/studies/crowd-link";
import { createInvitation, withdrawInvitation } from "@/lib/studies/invitations";
import { findStudyFor, requireStudyFor } from "@/lib/studies/study-access";
import { letRaterIn, letRaterOut } from "@/lib/studies/study-raters";
import { updateStudySettings } from "@/lib/studies/study-settings";
import { crowdLinkSchema } from "@/lib/validation/crowd-link";
import { newInvitationSchema } from "@/lib/validation/invitation";
import { newJudgeSchema } from "@/lib/validation/judge";
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
    const study = await requireStudyFor(slug, researcher);
    const fieldErrors = await updateStudySettings(study.id, parsed.data, researcher.id);
    if (Object.keys(fieldErrors).length) return { fieldErrors };
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath(`/studies/${slug}`);
  return { saved: true };
}

export interface PeopleState {
  error?: string;
  added?: string;
}

/** Adds someone to the study by email (`add`), or says why not. */
async function addPerson(form: FormData, add: (studyId: string, email: string, actorId: string) => Promise<void>): Promise<PeopleState> {
  const researcher = await requireRole("researcher", "admin");
  const slug = String(form.get("slug"));
  const email = String(form.get("email") ?? "");
  try {
    const study = await requireStudyFor(slug, researcher);
    await add(study.id, email, researcher.id);
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath(`/studies/${slug}/settings`);
  return { added: email.trim().toLowerCase() };
}

// A remove button's form has nowhere to show a message; a refused removal (someone not in the
// study, say) leaves the page as it was, which is the truth.
async function ignoringRefusal(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}

async function removePerson(form: FormData, remove: (studyId: string, userId: string, actorId: string) => Promise<void>): Promise<void> {
  const researcher = await requireRole("researcher", "admin");
  const slug = String(form.get("slug"));
  const study = (await findStudyFor(slug, researcher)) ?? notFound();
  await ignoringRefusal(remove(study.id, String(form.get("userId")), researcher.id));
  revalidatePath(`/studies/${slug}/settings`);
}

export async function addCollaboratorAction(_previous: PeopleState, form: FormData): Promise<PeopleState> {
  return addPerson(form, addCollaborator);
}

export async function removeCollaboratorAction(form: FormData): Promise<void> {
  return removePerson(form, removeCollaborator);
}

export async function letRaterInAction(_previous: PeopleState, form: FormData): Promise<PeopleState> {
  return addPerson(form, letRaterIn);
}

export async function letRaterOutAction(form: FormData): Promise<void> {
  return removePerson(form, letRaterOut);
}

export interface InvitationState {
  fieldErrors?: Record<string, string>;
  error?: string;
  made?: boolean;
}

export async function createInvitationAction(_previous: InvitationState, form: FormData): Promise<InvitationState> {
  const researcher = await requireRole("researcher", "admin");
  const parsed = newInvitationSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) };
  }
  const slug = String(form.get("slug"));
  try {
    const study = await requireStudyFor(slug, researcher);
    await createInvitation(study.id, parsed.data, researcher.id);
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath(`/studies/${slug}/settings`);
  return { made: true };
}

export async function withdrawInvitationAction(form: FormData): Promise<void> {
  const researcher = await requireRole("researcher", "admin");
  const slug = String(form.get("slug"));
  const study = (await findStudyFor(slug, researcher)) ?? notFound();
  await ignoringRefusal(withdrawInvitation(study.id, String(form.get("invitationId")), researcher.id));
  revalidatePath(`/studies/${slug}/settings`);
}

export async function saveCrowdLinkAction(_previous: SettingsState, form: FormData): Promise<SettingsState> {
  const researcher = await requireRole("researcher", "admin");
  const parsed = crowdLinkSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) };
  }
  const slug = String(form.get("slug"));
  try {
    const study = await requireStudyFor(slug, researcher);
    await updateCrowdLink(study.id, parsed.data, researcher.id);
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath(`/studies/${slug}/settings`);
  return { saved: true };
}

export interface JudgeState {
  fieldErrors?: Record<string, string>;
  error?: string;
  added?: string;
}

export async function addJudgeAction(_previous: JudgeState, form: FormData): Promise<JudgeState> {
  const researcher = await requireRole("researcher", "admin");
  const parsed = newJudgeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) };
  }
  const slug = String(form.get("slug"));
  try {
    const study = await requireStudyFor(slug, researcher);
    await createJudge(study.id, parsed.data, researcher.id);
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  revalidatePath(`/studies/${slug}/settings`);
  return { added: parsed.data.name };
}

/** Start or cancel a judge's run: a button's form, so a refusal (already running, say) leaves the page as it is. */
async function judgeRunAction(form: FormData, act: typeof startRun): Promise<void> {
  const researcher = await requireRole("researcher", "admin");
  const slug = String(form.get("slug"));
  const study = (await findStudyFor(slug, researcher)) ?? notFound();
  await ignoringRefusal(act(study.id, String(form.get("judgeId")), researcher.id));
  revalidatePath(`/studies/${slug}/settings`);
}

export async function startJudgeRunAction(form: FormData): Promise<void> {
  return judgeRunAction(form, startRun);
}

export async function cancelJudgeRunAction(form: FormData): Promise<void> {
  return judgeRunAction(form, cancelRun);
}
