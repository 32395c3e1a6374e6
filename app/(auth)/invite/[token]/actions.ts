"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { currentUser } from "@/lib/auth";
import { clientAddress } from "@/lib/client-address";
import { joinThroughInvitation } from "@/lib/studies/invitations";
import { invitedSignUpSchema } from "@/lib/validation/invitation";

const tokenOf = (form: FormData) => String(form.get("token") ?? "");

/** A new rater account through the invitation; done, where to go once signed in, which the form then does. */
export async function signUpThroughInvitationAction(_previous: FormState<string>, form: FormData): Promise<FormState<string>> {
  return formAction(form, {
    who: "anyone", on: "nothing", schema: invitedSignUpSchema, keep: ["name", "email"],
    work: async ({ data }) => {
      const { landing } = await joinThroughInvitation(tokenOf(form), { kind: "new", account: data }, clientAddress(await headers()));
      return { ok: true, value: landing };
    },
  });
}

/** The signed-in rater joins with their own account. */
export async function joinAsRaterAction(_previous: FormState<string>, form: FormData): Promise<FormState<string>> {
  return formAction(form, {
    who: "anyone", on: "nothing",
    work: async () => {
      const user = await currentUser();
      if (!user) return { error: "Your session has ended: sign in again, then open this link." };
      const { landing } = await joinThroughInvitation(tokenOf(form), { kind: "rater", raterId: user.id }, clientAddress(await headers()));
      redirect(landing);
    },
  });
}
