"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { Field } from "@/components/ui/field";
import type { FormAction, FormState } from "@/lib/actions/form-state";

/** Done: where to go once signed in. */
type Action = FormAction<string>;

const INPUT = "mt-1 w-full rounded border border-slate-400 px-3 py-2";
const BUTTON = "w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60";

/** Sign-up through an invitation; once the account is made, signs in with it and goes to the study. */
export function InvitedSignUpForm({ token, action }: { token: string; action: Action }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<FormState<string>, FormData>(action, {});
  // React empties the form once its action returns: what to sign in with is kept from the submit.
  const credentials = useRef<{ email: FormDataEntryValue | null; password: FormDataEntryValue | null } | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  const errors = state.fieldErrors ?? {};

  const landing = state.value;
  useEffect(() => {
    if (!landing || !credentials.current) return;
    signIn("credentials", { ...credentials.current, redirect: false }).then((result) => {
      if (!result || result.error) {
        setSignInFailed(true);
        return;
      }
      router.replace(landing);
      router.refresh();
    });
  }, [landing, router]);

  function submit(form: FormData) {
    credentials.current = { email: form.get("email"), password: form.get("password") };
    formAction(form);
  }

  return (
    <form action={submit} className="space-y-4" aria-label="Sign up">
      <input type="hidden" name="token" value={token} />
      <Field id="name" label="Your name" error={errors.name}>
        <input id="name" name="name" autoComplete="name" required maxLength={200} defaultValue={state.values?.name} className={INPUT} />
      </Field>
      <Field id="email" label="Email" error={errors.email}>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} className={INPUT} />
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." error={errors.password}>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={10} className={INPUT} />
      </Field>
      <ActionMessage
        error={signInFailed ? "Your account is made, but signing in with it failed: sign in from the sign-in page." : state.error}
        done={landing ? "Signed up. Taking you to the study…" : undefined}
      />
      <button type="submit" disabled={pending || Boolean(landing)} className={BUTTON}>
        {pending ? "Signing up…" : "Sign up and join"}
      </button>
    </form>
  );
}

/** A signed-in rater joins with one click. */
export function JoinAsRaterForm({ token, action }: { token: string; action: Action }) {
  const [state, formAction, pending] = useActionState<FormState<string>, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <ActionMessage error={state.error} />
      <button type="submit" disabled={pending} className={BUTTON}>
        Join the study
      </button>
    </form>
  );
}
