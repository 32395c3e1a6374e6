"use server";

import { revalidatePath } from "next/cache";
import { formAction, UNREADABLE } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { setGoldVerdict } from "@/lib/studies/gold-pairs";
import { goldVerdictSchema } from "@/lib/validation/study-controls";

export async function setGoldAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    who: ["researcher", "admin"], on: "study", schema: goldVerdictSchema, unreadable: UNREADABLE,
    work: async ({ study, data: { pairId, goldVerdict } }) => {
      await setGoldVerdict(study.id, pairId, goldVerdict === "none" ? null : goldVerdict);
      revalidatePath(`/studies/${study.slug}/prompts`, "layout");
      return { ok: true, message: "Saved." };
    },
  });
}
