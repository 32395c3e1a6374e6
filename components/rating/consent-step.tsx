"use client";

import { useActionState, type ReactNode } from "react";
import type { FormState } from "@/lib/actions/form-state";

/** The study's consent page before the first item: its text, then agree (and start) or leave. */
export function ConsentStep({ text, agree, leave }: { text: ReactNode; agree: () => Promise<FormState>; leave: string }) {
  const [state, action, pending] = useActionState<FormState>(agree, {});
  return (
    <section aria-labelledby="consent-heading" className="space-y-4 rounded-lg border border-slate-300 bg-white p-6">
      <h2 id="consent-heading" className="text-lg font-semibold">
        Before you start: consent
      </h2>
      <div>{text}</div>
      {state.error && (
        <p role="alert" className="text-red-800">
          {state.error}
        </p>
      )}
      <form action={action} className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          I agree: start
        </button>
        <a href={leave} className="text-blue-700 underline">
          I do not agree: leave
        </a>
      </form>
    </section>
  );
}
