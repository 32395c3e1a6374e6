"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import type { FormState } from "@/lib/actions/form-state";
import type { Choice } from "@/lib/assign/policy";

export interface TrainingFeedbackView {
  correct: boolean;
  expected: Choice;
  chosen: Choice;
}

/**
 * One training item: the question, the two answers and the study's options; after a choice, whether
 * it matched the known answer, and a button on to the next item (or the study's first item).
 */
export function TrainingStep({
  position,
  reference,
  of,
  question,
  answerA,
  answerB,
  options,
  answer,
}: {
  position: number;
  /** What names the item shown, sent back with the answer. */
  reference: string;
  of: number;
  question: ReactNode;
  answerA: ReactNode;
  answerB: ReactNode;
  options: readonly { choice: Choice; label: string }[];
  answer: (input: { position: number; reference: string; choice: Choice }) => Promise<FormState<TrainingFeedbackView>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<FormState<TrainingFeedbackView>>({});
  const feedback = state.ok ? state.value : undefined;
  const labelOf = (choice: Choice) => options.find((option) => option.choice === choice)?.label ?? choice;
  return (
    <section aria-labelledby="training-heading" className="space-y-4">
      <div className="rounded-lg border border-blue-300 bg-blue-50 p-4">
        <h2 id="training-heading" className="font-semibold">
          Practice {position} of {of}
        </h2>
        <p className="text-sm text-slate-800">A practice pair with a known answer: you are told after each choice whether it matched. Practice is not counted.</p>
      </div>
      {question}
      <div className="grid gap-4 md:grid-cols-2">
        <div className="rounded-lg border border-slate-300 bg-white p-4">
          <h3 className="mb-2 font-semibold">Answer A</h3>
          {answerA}
        </div>
        <div className="rounded-lg border border-slate-300 bg-white p-4">
          <h3 className="mb-2 font-semibold">Answer B</h3>
          {answerB}
        </div>
      </div>
      {feedback ? (
        <div role="status" className={`rounded-lg border p-4 ${feedback.correct ? "border-green-400 bg-green-50" : "border-amber-400 bg-amber-50"}`}>
          <p className="font-semibold">{feedback.correct ? "Right: that is the expected answer." : "Not quite."}</p>
          <p className="mt-1 text-slate-900">
            The expected answer: <strong>{labelOf(feedback.expected)}</strong>. You chose: {labelOf(feedback.chosen)}.
          </p>
          <button
            type="button"
            autoFocus
            className="mt-3 rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
            onClick={() => startTransition(() => router.refresh())}
            disabled={pending}
          >
            {position < of ? "Next practice pair" : "Start the study"}
          </button>
        </div>
      ) : (
        <div role="group" aria-label="Your choice" className="flex flex-wrap gap-2">
          {options.map((option) => (
            <button
              key={option.choice}
              type="button"
              disabled={pending}
              className="rounded-md border border-slate-500 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-blue-50 disabled:opacity-60"
              onClick={() => startTransition(async () => setState(await answer({ position, reference, choice: option.choice })))}
            >
              {option.label}
            </button>
          ))}
        </div>
      )}
      {state.error && (
        <p role="alert" className="text-red-800">
          {state.error}{" "}
          <button type="button" className="text-blue-700 underline" onClick={() => startTransition(() => router.refresh())}>
            Show where I am
          </button>
        </p>
      )}
    </section>
  );
}
