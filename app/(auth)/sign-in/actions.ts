"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { endSession, sameOriginPath, startSession } from "@/lib/auth";
import { clientAddress } from "@/lib/client-address";
import { authenticate, WRONG_CREDENTIALS } from "@/lib/users/authenticate";
import { signInSchema, type SignInState } from "@/lib/validation/user";

/** The sign-in form, posted with or without JavaScript: the password never goes into an address. */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password") });
  if (!parsed.success) return { error: WRONG_CREDENTIALS, email };
  const result = await authenticate(parsed.data.email, parsed.data.password, clientAddress(await headers()));
  if ("refused" in result) return { error: result.refused, email };
  await startSession(result.user);
  redirect(sameOriginPath(form.get("callbackUrl")));
}

/** Signs out, and ends every session of the account, so a cookie kept from before no longer works. */
export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/sign-in");
}
