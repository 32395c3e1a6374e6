"use client";

import { useActionState } from "react";
import { addCollaboratorAction, removeCollaboratorAction, type ResearchersState } from "@/app/(research)/studies/[slug]/settings/actions";
import { ActionMessage } from "@/components/ui/action-message";

interface Props {
  slug: string;
  owner: string | null;
  collaborators: { id: string; email: string }[];
}

/** Who runs the study: its owner and the researchers they added, who see and run it too. */
export function StudyResearchers({ slug, owner, collaborators }: Props) {
  const [state, action, pending] = useActionState<ResearchersState, FormData>(addCollaboratorAction, {});
  return (
    <section aria-labelledby="researchers-heading" className="max-w-2xl space-y-3">
      <h2 id="researchers-heading" className="text-lg font-semibold">
        Researchers
      </h2>
      <p className="text-sm text-slate-700">They see this study, its results and its data, and may change it, as its owner does.</p>
      <ul className="space-y-1">
        <li>{owner ? `${owner} (owner)` : "No owner: made from the command line, open to every researcher"}</li>
        {collaborators.map((collaborator) => (
          <li key={collaborator.id} className="flex items-center gap-3">
            {collaborator.email}
            <form action={removeCollaboratorAction}>
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="userId" value={collaborator.id} />
              <button type="submit" className="text-sm text-red-800 underline" aria-label={`Remove ${collaborator.email}`}>
                Remove
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form action={action} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="slug" value={slug} />
        <label className="flex flex-col text-sm">
          Add a researcher by email
          <input name="email" type="email" required className="mt-1 rounded border border-slate-400 px-3 py-2" />
        </label>
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          Add
        </button>
        <ActionMessage error={state.error} done={state.added ? `Added ${state.added}.` : undefined} />
      </form>
    </section>
  );
}
