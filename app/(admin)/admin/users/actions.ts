"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { changeRole, setDisabled } from "@/lib/users/manage-users";
import { userChangeSchema } from "@/lib/validation/user";

/** One change to one user, by an admin; a refused change says why and changes nothing. */
export async function changeUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    who: ["admin"], on: "nothing", schema: userChangeSchema, unreadable: "That change is not valid.",
    work: async ({ user, data }) => {
      if (data.change === "role") await changeRole(user.id, data.userId, data.role);
      else await setDisabled(user.id, data.userId, data.change === "disable");
      revalidatePath("/admin/users");
      return { ok: true, message: data.change === "role" ? `Role changed to ${data.role}.` : data.change === "disable" ? "Disabled: they can no longer sign in." : "Enabled again." };
    },
  });
}
