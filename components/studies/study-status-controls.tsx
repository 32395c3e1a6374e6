"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import type { FormAction, FormState } from "@/lib/actions/form-state";

const LABELS: Record<string, string> = { open: "Open to raters", paused: "Pause", closed: "Close the study" };
const SAYS: Record<string, string> = {
  draft: "Draft: raters cannot see it yet.",
  open: "Open: raters are judging.",
  paused: "Paused: no new pairs are handed out.",
  closed: "Closed: judgments and results are final.",
};

/** The study's state, and the moves its lifecycle allows from there. */
export function StudyStatusControls({ slug, status, next, change }: { slug: string; status: string; next: string[]; change: FormAction }) {
  const [state, action, pending] = useActionState<FormState, FormData>(change, {});
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span data-status={status} className="font-medium">
        {SAYS[status]}
      </span>
      {next.map((to) => (
        <form key={to} action={action}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="status" value={to} />
          <button
            type="submit"
            disabled={pending}
            onClick={(event) => {
              if (to === "closed" && !window.confirm("Close the study? No more judgments or imports will be taken; this cannot be undone.")) event.preventDefault();
            }}
            className="rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-100"
          >
            {to === "open" && status === "paused" ? "Resume" : LABELS[to]}
          </button>
        </form>
      ))}
      <ActionMessage error={state.error} />
    </div>
  );
}
