"use client";

import { useEffect, useState, useTransition, type ReactNode } from "react";
import type { Choice } from "@/lib/assign/policy";

const OPTIONS: { choice: Choice; label: string; key: string }[] = [
  { choice: "left", label: "Answer A is significantly better", key: "A" },
  { choice: "right", label: "Answer B is significantly better", key: "B" },
  { choice: "neither", label: "Neither is significantly better", key: "N" },
];

export type SubmitJudgment = (input: { assignmentId: string; choice: Choice }) => Promise<{ error?: string }>;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function JudgePair({
  assignmentId,
  prompt,
  left,
  right,
  submit,
}: {
  assignmentId: string;
  prompt: ReactNode;
  left: ReactNode;
  right: ReactNode;
  submit: SubmitJudgment;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function choose(choice: Choice) {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      const result = await submit({ assignmentId, choice });
      if (result.error) setError(result.error);
    });
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const option = OPTIONS.find((o) => o.key === event.key.toUpperCase());
      if (!option) return;
      event.preventDefault();
      choose(option.choice);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <section aria-busy={pending} className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">Question</h2>
        {prompt}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <article aria-labelledby="answer-a" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="answer-a" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
            Answer A
          </h2>
          {left}
        </article>
        <article aria-labelledby="answer-b" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="answer-b" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
            Answer B
          </h2>
          {right}
        </article>
      </div>
      <div role="group" aria-label="Which answer best satisfies your needs?" className="sticky bottom-0 flex flex-col gap-2 border-t border-slate-200 bg-slate-50 py-3 sm:flex-row">
        {OPTIONS.map((option) => (
          <button
            key={option.choice}
            type="button"
            disabled={pending}
            onClick={() => choose(option.choice)}
            aria-keyshortcuts={option.key}
            className="flex flex-1 items-center justify-between gap-2 rounded-md border border-slate-400 bg-white px-3 py-2 text-left font-medium hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-700 disabled:opacity-60"
          >
            <span>{option.label}</span>
            <kbd className="rounded border border-slate-400 bg-slate-100 px-1.5 text-xs text-slate-700">{option.key}</kbd>
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
