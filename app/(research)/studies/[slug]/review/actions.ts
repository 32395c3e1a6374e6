"use server";

import { revalidatePath } from "next/cache";
import { plainFormAction } from "@/lib/actions/form-action";
import { reviewItem } from "@/lib/review/item-review";
import { itemReviewSchema } from "@/lib/validation/review";

/** Keeps a reported item, takes it out of the study, or puts it back; the queue and the results count anew. */
export async function reviewItemAction(form: FormData): Promise<void> {
  return plainFormAction(form, {
    who: ["researcher", "admin"], on: "study", schema: itemReviewSchema, page: (study) => `/studies/${study.slug}/review`,
    work: async ({ user, study, data }) => {
      await reviewItem(study.id, data.pairId, data.decision, user.id);
      revalidatePath(`/studies/${study.slug}`);
    },
  });
}
