"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import type { FormAction, FormState, PlainFormAction } from "@/lib/actions/form-state";

interface Props {
  slug: string;
  /** The section's name; also names the add field ("Add … by email"). */
  heading: string;
  who: string;
  intro: string;
  /** A line above the list (the owner, say). */
  first?: string;
  /** Each person as shown (an email, or who a rater is), and `detail` beside it (a rater's pseudonym). */
  people: { id: string; label: string; detail?: string }[];
  /** Done: the email added. */
  add: FormAction<string>;
  remove: PlainFormAction;
}

/** People a study lets in (researchers who run it, raters who judge it): listed, added by email, removed. */
export function StudyPeople({ slug, heading, who, intro, first, people, add, remove }: Props) {
  const [state, action, pending] = useActionState<FormState<string>, FormData>(add, {});
  const id = `${heading.toLowerCase()}-heading`;
  return (
    <section aria-labelledby={id} className="max-w-2xl space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {heading}
      </h2>
      <p className="text-sm text-slate-700">{intro}</p>
      <ul className="space-y-1">
        {first && <li>{first}</li>}
        {people.map((person) => (
          <li key={person.id} className="flex flex-wrap items-center gap-x-3">
            <span className="break-all">{person.label}</span>
            {person.detail && <span className="font-mono text-xs text-slate-600">{person.detail}</span>}
            <form action={remove}>
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="userId" value={person.id} />
              <button type="submit" className="text-sm text-red-800 underline" aria-label={`Remove ${person.label}`}>
                Remove
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form action={action} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="slug" value={slug} />
        <label className="flex flex-col text-sm">
          Add a {who} by email
          <input name="email" type="email" required className="mt-1 rounded border border-slate-400 px-3 py-2" />
        </label>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          Add
        </button>
        <ActionMessage error={state.error} done={state.value ? `Added ${state.value}.` : undefined} />
      </form>
    </section>
  );
}
