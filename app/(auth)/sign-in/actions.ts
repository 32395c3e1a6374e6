"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { endSession, sameOriginPath, startSession } from "@/lib/auth";
import { clientAddress } from "@/lib/client-address";
import { authenticate, WRONG_CREDENTIALS } from "@/lib/users/authenticate";
import { signInSchema } from "@/lib/validation/user";

/** The sign-in form, posted with or without JavaScript: the password never goes into an address. */
export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  return formAction(form, {
    who: "anyone", on: "nothing", schema: signInSchema, unreadable: WRONG_CREDENTIALS, keep: ["email"],
    work: async ({ data }) => {
      const result = await authenticate(data.email, data.password, clientAddress(await headers()));
      if ("refused" in result) return { error: result.refused };
      await startSession(result.user);
      redirect(sameOriginPath(form.get("callbackUrl")));
    },
  });
}

/** Signs out, and ends every session of the account, so a cookie kept from before no longer works. */
export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/sign-in");
}
