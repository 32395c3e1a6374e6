"use server";

import { revalidatePath } from "next/cache";
import { formAction, plainFormAction, UNREADABLE, type Study } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { cancelRun, createJudge, deleteJudge, startRun, updateJudge } from "@/lib/judge/judges";
import { addCollaborator, removeCollaborator } from "@/lib/studies/collaborators";
import { updateCrowdLink } from "@/lib/studies/crowd-link";
import { createInvitation, withdrawInvitation } from "@/lib/studies/invitations";
import { letRaterIn, letRaterOut } from "@/lib/studies/study-raters";
import { updateStudySettings } from "@/lib/studies/study-settings";
import { updateRaterSteps } from "@/lib/rater-steps/settings";
import { crowdLinkSchema } from "@/lib/validation/crowd-link";
import { raterStepsSchema } from "@/lib/validation/rater-steps";
import { newInvitationSchema } from "@/lib/validation/invitation";
import { judgeDeleteSchema, judgeEditSchema, newJudgeSchema } from "@/lib/validation/judge";
import { studySettingsSchema } from "@/lib/validation/study";
import { invitationRefSchema, judgeRefSchema, personByEmailSchema, personSchema } from "@/lib/validation/study-controls";

const researchers = ["researcher", "admin"] as const;
const settingsPage = (study: Study) => `/studies/${study.slug}/settings`;

export async function saveSettingsAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    who: researchers, on: "study", schema: studySettingsSchema,
    // Ticked checkboxes repeat their name: all of them, not the last.
    fields: (form) => ({ ...Object.fromEntries(form), activeBaselines: form.getAll("activeBaselines") }),
    work: async ({ user, study, data }) => {
      const fieldErrors = await updateStudySettings(study.id, data, user.id);
      if (Object.keys(fieldErrors).length) return { fieldErrors };
      revalidatePath(`/studies/${study.slug}`);
    },
  });
}

/** Adds someone to the study by email (`add`), or says why not; done, the email as stored. */
async function addPerson(form: FormData, add: (studyId: string, email: string, actorId: string) => Promise<void>): Promise<FormState<string>> {
  return formAction(form, {
    who: researchers, on: "study", schema: personByEmailSchema, unreadable: UNREADABLE,
    work: async ({ user, study, data: { email } }) => {
      await add(study.id, email, user.id);
      revalidatePath(settingsPage(study));
      return { ok: true, value: email.trim().toLowerCase() };
    },
  });
}

/** Removes someone from the study (`remove`); a refusal (someone not on it any more, say) comes back to the page. */
async function removePerson(form: FormData, remove: (studyId: string, userId: string, actorId: string) => Promise<void>): Promise<void> {
  return plainFormAction(form, {
    who: researchers, on: "study", schema: personSchema, page: settingsPage,
    work: ({ user, study, data }) => remove(study.id, data.userId, user.id),
  });
}

export async function addCollaboratorAction(_previous: FormState<string>, form: FormData): Promise<FormState<string>> {
  return addPerson(form, addCollaborator);
}

export async function removeCollaboratorAction(form: FormData): Promise<void> {
  return removePerson(form, removeCollaborator);
}

export async function letRaterInAction(_previous: FormState<string>, form: FormData): Promise<FormState<string>> {
  return addPerson(form, letRaterIn);
}

export async function letRaterOutAction(form: FormData): Promise<void> {
  return removePerson(form, letRaterOut);
}

export async function createInvitationAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    who: researchers, on: "study", schema: newInvitationSchema,
    work: async ({ user, study, data }) => {
      await createInvitation(study.id, data, user.id);
      revalidatePath(settingsPage(study));
    },
  });
}

export async function withdrawInvitationAction(form: FormData): Promise<void> {
  return plainFormAction(form, {
    who: researchers, on: "study", schema: invitationRefSchema, page: settingsPage,
    work: ({ user, study, data }) => withdrawInvitation(study.id, data.invitationId, user.id),
  });
}

export async function saveCrowdLinkAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    who: researchers, on: "study", schema: crowdLinkSchema,
    work: async ({ user, study, data }) => {
      await updateCrowdLink(study.id, data, user.id);
      revalidatePath(settingsPage(study));
    },
  });
}

export async function addJudgeAction(_previous: FormState<string>, form: FormData): Promise<FormState<string>> {
  return formAction(form, {
    who: researchers, on: "study", schema: newJudgeSchema,
    work: async ({ user, study, data }) => {
      await createJudge(study.id, data, user.id);
      revalidatePath(settingsPage(study));
      return { ok: true, value: data.name };
    },
  });
}

/** Starts or cancels a judge's run; a refusal (already running, say) comes back to the page. */
async function judgeRunAction(form: FormData, act: typeof startRun): Promise<void> {
  return plainFormAction(form, {
    who: researchers, on: "study", schema: judgeRefSchema, page: settingsPage,
    work: ({ user, study, data }) => act(study.id, data.judgeId, user.id),
  });
}

export async function startJudgeRunAction(form: FormData): Promise<void> {
  return judgeRunAction(form, startRun);
}

export async function cancelJudgeRunAction(form: FormData): Promise<void> {
  return judgeRunAction(form, cancelRun);
}

/** Starts a run that asks every pair afresh, the judge's earlier answers kept in the history. */
export async function runJudgeAgainAction(form: FormData): Promise<void> {
  return judgeRunAction(form, (studyId, judgeId, actorId) => startRun(studyId, judgeId, actorId, { again: true }));
}

/** Changes a judge (its key only when a new one is typed); done, the judge's name, or that nothing changed. */
export async function editJudgeAction(_previous: FormState<string>, form: FormData): Promise<FormState<string>> {
  return formAction(form, {
    who: researchers, on: "study", schema: judgeEditSchema,
    work: async ({ user, study, data }) => {
      const { name, changed } = await updateJudge(study.id, data, user.id);
      revalidatePath(settingsPage(study));
      revalidatePath(`/studies/${study.slug}`);
      return { ok: true, value: name, message: changed ? `${name} saved.` : "Nothing to save: it is as it was." };
    },
  });
}

/** Deletes a judge, its answers kept in the history or deleted with it; a refusal (running, say) comes back to the page. */
export async function deleteJudgeAction(form: FormData): Promise<void> {
  return plainFormAction(form, {
    who: researchers, on: "study", schema: judgeDeleteSchema, page: settingsPage,
    work: async ({ user, study, data }) => {
      await deleteJudge(study.id, data, user.id);
      revalidatePath(`/studies/${study.slug}`);
    },
  });
}

export async function saveRaterStepsAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    who: researchers, on: "study", schema: raterStepsSchema,
    work: async ({ user, study, data }) => {
      const fieldErrors = await updateRaterSteps(study.id, data, user.id);
      if (Object.keys(fieldErrors).length) return { fieldErrors };
      revalidatePath(settingsPage(study));
    },
  });
}
