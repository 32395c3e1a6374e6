"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { clientAddress } from "@/lib/client-address";
import { AppError } from "@/lib/errors";
import { joinThroughInvitation } from "@/lib/studies/invitations";
import { invitedSignUpSchema } from "@/lib/validation/invitation";

export interface SignUpState {
  fieldErrors?: Record<string, string>;
  error?: string;
  /** Signed up: where to go once signed in. */
  landing?: string;
  /** What was typed (not the password), to show again with the errors. */
  values?: { name: string; email: string };
}

/** A new rater account through the invitation; the form then signs in with it. */
export async function signUpThroughInvitationAction(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const parsed = invitedSignUpSchema.safeParse(Object.fromEntries(form));
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  if (!parsed.success) {
    return { values, fieldErrors: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) };
  }
  try {
    return await joinThroughInvitation(String(form.get("token")), { kind: "new", account: parsed.data }, clientAddress(await headers()));
  } catch (error) {
    if (error instanceof AppError) return { values, error: error.userMessage };
    throw error;
  }
}

/** The signed-in rater joins with their own account. */
export async function joinAsRaterAction(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended: sign in again, then open this link." };
  let landing: string;
  try {
    ({ landing } = await joinThroughInvitation(String(form.get("token")), { kind: "rater", raterId: user.id }, clientAddress(await headers())));
  } catch (error) {
    if (error instanceof AppError) return { error: error.userMessage };
    throw error;
  }
  redirect(landing);
}
