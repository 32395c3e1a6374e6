"use server";

import { revalidatePath } from "next/cache";
import { formAction, plainFormAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { rescanSelfNaming, setSelfNamingMode } from "@/lib/blind/study-self-naming";
import { excludeRater, includeRater } from "@/lib/results/rater-exclusion";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { raterExclusionSchema, selfNamingSchema, studyStatusSchema } from "@/lib/validation/study-controls";

const researchers = ["researcher", "admin"] as const;
const resultsPage = (study: { slug: string }) => `/studies/${study.slug}`;

/** Excludes a rater from the study's results, or lets them back in; the page then counts anew. */
export async function setRaterExcludedAction(form: FormData): Promise<void> {
  return plainFormAction(form, {
    who: researchers, on: "study", schema: raterExclusionSchema, page: resultsPage,
    work: ({ user, study, data: { rater, exclude, reason } }) =>
      exclude === "yes" ? excludeRater(study.id, rater, user.id, reason || null) : includeRater(study.id, rater, user.id),
  });
}

/** Opens, pauses, resumes or closes a study; a move the lifecycle does not allow says why. */
export async function setStudyStatusAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    who: researchers, on: "study", schema: studyStatusSchema, unreadable: "That change is not valid.",
    work: async ({ user, study, data }) => {
      await changeStudyStatus(study.id, data.status, user.id);
      revalidatePath(resultsPage(study));
    },
  });
}

/** Shows raters answers that name their writer as they are, or with the names hidden. */
export async function setSelfNamingAction(form: FormData): Promise<void> {
  return plainFormAction(form, {
    who: researchers, on: "study", schema: selfNamingSchema, page: resultsPage,
    work: ({ user, study, data }) => setSelfNamingMode(study.id, data.mode, user.id),
  });
}

/** Scans the study's answers again for names of their writers. */
export async function rescanSelfNamingAction(form: FormData): Promise<void> {
  return plainFormAction(form, { who: researchers, on: "study", page: resultsPage, work: ({ study }) => rescanSelfNaming(study.id) });
}
