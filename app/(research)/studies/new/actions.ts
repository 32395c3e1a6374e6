"use server";

import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { createStudy } from "@/lib/studies/create-study";
import { newStudySchema } from "@/lib/validation/study";

export async function createStudyAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    // A refusal of the study as a whole is of its slug (taken by another study).
    who: ["researcher", "admin"], on: "nothing", schema: newStudySchema, refusedField: "slug",
    work: async ({ user, data }) => {
      await createStudy(data, user.id);
      redirect(`/studies/${data.slug}/import`);
    },
  });
}
