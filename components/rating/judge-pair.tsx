"use client";

import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import type { Choice } from "@/lib/assign/policy";

type Label = "fail" | "pass" | "excellent";
type AnswerInput = { choice: Choice } | { label: Label } | { score: number } | { turnLabels: Label[] };
interface Option {
  input: AnswerInput;
  label: string;
  key: string;
}

/** The paper's three options for two answers side by side. */
const PAIR_OPTIONS: Option[] = [
  { input: { choice: "left" }, label: "Answer A is significantly better", key: "A" },
  { input: { choice: "right" }, label: "Answer B is significantly better", key: "B" },
  { input: { choice: "neither" }, label: "Neither is significantly better", key: "N" },
];

/** The paper's labels for one answer alone. */
const LABEL_OPTIONS: Option[] = [
  { input: { label: "fail" }, label: "Fail: it does not meet the request", key: "F" },
  { input: { label: "pass" }, label: "Pass: it meets the request", key: "P" },
  { input: { label: "excellent" }, label: "Excellent: it meets it very well", key: "E" },
];

/** The helpfulness scale of the paper's ablations, 1 to 6, each point named: the rubric raters see. */
const SCORE_OPTIONS: Option[] = [
  "Not helpful",
  "Slightly helpful",
  "Somewhat helpful",
  "Helpful",
  "Very helpful",
  "Highly helpful",
].map((name, i) => ({ input: { score: i + 1 }, label: `${i + 1}: ${name}`, key: String(i + 1) }));

const TURN_LABELS: { label: Label; name: string }[] = [
  { label: "fail", name: "Fail" },
  { label: "pass", name: "Pass" },
  { label: "excellent", name: "Excellent" },
];

// A multi-turn study labels each turn with radio buttons and sends them together: no one-key options.
const OPTIONS = { pairwise: PAIR_OPTIONS, absolute: LABEL_OPTIONS, likert: SCORE_OPTIONS, multiturn: [] };
const QUESTIONS = {
  pairwise: "Which answer best satisfies your needs?",
  absolute: "How well does this answer meet the request?",
  likert: "How helpful is this answer, from 1 (not helpful) to 6 (highly helpful)?",
  multiturn: "How well does each of the assistant's turns meet the request: Fail, Pass or Excellent?",
};

export type ActionResult = { error?: string; notice?: string };

const UNREACHABLE = "The server could not be reached, so this was not recorded yet. Please try again in a few seconds.";

export interface RatingActions {
  submit: (input: AnswerInput & { assignmentId: string; rationale?: string }) => Promise<ActionResult>;
  skip: (input: { assignmentId: string; reason: string }) => Promise<ActionResult>;
  flag: (input: { assignmentId: string; reason: "broken" | "offensive" | "other"; note?: string }) => Promise<ActionResult>;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

const button =
  "rounded-md border border-slate-500 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60";

/**
 * The rater's view of one pair: question, the two answers, the paper's three options, skip and
 * flag; or, in an absolute or Likert study, one answer and its labels or scores.
 */
export function JudgePair({
  kind,
  assignmentId,
  question,
  answerA,
  answerB,
  turns = [],
  rationaleMode,
  skipReasons,
  actions,
  takeFocus,
}: {
  kind: keyof typeof OPTIONS;
  assignmentId: string;
  question: ReactNode;
  answerA: ReactNode;
  answerB?: ReactNode;
  /** In a multi-turn study: the answer's turns, each labelled on its own. */
  turns?: ReactNode[];
  rationaleMode: "off" | "optional" | "required";
  skipReasons: readonly string[];
  actions: RatingActions;
  /** Whether to move focus to the pair when it appears (not on a first visit, when the instructions come first). */
  takeFocus: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rationale, setRationale] = useState("");
  const rationaleBox = useRef<HTMLTextAreaElement>(null);

  function run(action: () => Promise<ActionResult>) {
    if (pending) return;
    setError(null);
    setNotice(null);
    startTransition(async () => {
      // A server that cannot be reached (or fails) leaves the pair, the choice and the rationale
      // on screen, so the rater can send them again.
      const result = await action().catch((): ActionResult => ({ error: UNREACHABLE }));
      if (result.error) setError(result.error);
      if (result.notice) setNotice(result.notice);
    });
  }

  const single = kind !== "pairwise";
  const options = OPTIONS[kind];
  const [turnLabels, setTurnLabels] = useState<(Label | null)[]>(() => turns.map(() => null));

  function choose(input: AnswerInput) {
    if (rationaleMode === "required" && rationale.trim() === "") {
      setError("Please say briefly why, in the box above, then choose.");
      rationaleBox.current?.focus();
      return;
    }
    run(() => actions.submit({ assignmentId, ...input, rationale: rationaleMode === "off" ? undefined : rationale }));
  }

  // A new pair replaces the buttons a keyboard user was on; bring their focus to the new pair
  // instead of leaving it on the page's body.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeFocus && document.activeElement === document.body) section.current?.focus();
  }, [takeFocus]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const option = options.find((o) => o.key === event.key.toUpperCase());
      if (!option) return;
      event.preventDefault();
      choose(option.input);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <section ref={section} tabIndex={-1} aria-busy={pending} aria-label={single ? "Answer to label" : "Pair to judge"} className="space-y-4 focus:outline-none">
      {question}
      <div className={single ? "" : "grid gap-4 md:grid-cols-2"}>
        <article aria-labelledby="answer-a" className="min-w-0 rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="answer-a" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-700">
            {single ? "Answer" : "Answer A"}
          </h2>
          {kind === "multiturn" ? (
            <ol className="space-y-4">
              {turns.map((turn, i) => (
                <li key={i}>
                  <p className="mb-1 text-xs font-semibold text-slate-700">Turn {i + 1}</p>
                  {turn}
                  <fieldset className="mt-2 flex flex-wrap gap-4">
                    <legend className="sr-only">Turn {i + 1}</legend>
                    {TURN_LABELS.map(({ label, name }) => (
                      <label key={label} className="flex items-center gap-1">
                        <input
                          type="radio"
                          name={`turn-${i}`}
                          checked={turnLabels[i] === label}
                          onChange={() => setTurnLabels((labels) => labels.map((old, j) => (j === i ? label : old)))}
                        />
                        {name}
                      </label>
                    ))}
                  </fieldset>
                </li>
              ))}
            </ol>
          ) : (
            answerA
          )}
        </article>
        {!single && (
          <article aria-labelledby="answer-b" className="min-w-0 rounded-lg border border-slate-300 bg-white p-4">
            <h2 id="answer-b" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-700">
              Answer B
            </h2>
            {answerB}
          </article>
        )}
      </div>
      <div className="space-y-3 border-t border-slate-300 bg-slate-50 py-3 sm:sticky sm:bottom-0">
        {(kind === "likert" || kind === "multiturn") && <p className="text-sm font-medium">{QUESTIONS[kind]}</p>}
        {rationaleMode !== "off" && (
          <div>
            <label htmlFor="rationale" className="block text-sm font-medium">
              Why? {rationaleMode === "required" ? "(required)" : "(optional)"}
            </label>
            <textarea
              id="rationale"
              ref={rationaleBox}
              rows={2}
              value={rationale}
              onChange={(event) => setRationale(event.target.value)}
              aria-required={rationaleMode === "required"}
              className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
            />
          </div>
        )}
        <div role="group" aria-label={QUESTIONS[kind]} className="flex flex-col gap-2 sm:flex-row">
          {kind === "multiturn" && (
            <button
              type="button"
              disabled={pending || turnLabels.some((label) => label === null)}
              onClick={() => choose({ turnLabels: turnLabels as Label[] })}
              className={`${button} flex-1`}
            >
              Submit the labels
            </button>
          )}
          {options.map((option) => (
            <button
              key={option.key}
              type="button"
              disabled={pending}
              onClick={() => choose(option.input)}
              aria-keyshortcuts={option.key}
              className={`${button} flex flex-1 items-center justify-between gap-2 text-left`}
            >
              <span>{option.label}</span>
              <kbd aria-hidden="true" className="rounded border border-slate-500 bg-slate-100 px-1.5 text-xs text-slate-800">
                {option.key}
              </kbd>
            </button>
          ))}
        </div>
        {error && (
          <p role="alert" className="text-sm font-medium text-red-800">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" className="text-sm text-green-800">
            {notice}
          </p>
        )}
        <div className="flex flex-wrap gap-3 text-sm">
          <SkipForm reasons={skipReasons} noun={single ? "answer" : "pair"} disabled={pending} onSkip={(reason) => run(() => actions.skip({ assignmentId, reason }))} />
          <FlagForm disabled={pending} onFlag={(reason, note) => run(() => actions.flag({ assignmentId, reason, note }))} />
        </div>
      </div>
    </section>
  );
}

function SkipForm({ reasons, noun, disabled, onSkip }: { reasons: readonly string[]; noun: string; disabled: boolean; onSkip: (reason: string) => void }) {
  const [reason, setReason] = useState(reasons[0]);
  const [other, setOther] = useState("");
  return (
    <details className="rounded border border-slate-300 bg-white px-3 py-2">
      <summary className="cursor-pointer font-medium">Skip this {noun}</summary>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          onSkip(reason === "Other" ? other.trim() || "Other" : reason);
        }}
      >
        <label className="flex flex-col">
          Reason
          <select value={reason} onChange={(event) => setReason(event.target.value)} className="rounded border border-slate-500 px-2 py-1">
            {reasons.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        {reason === "Other" && (
          <label className="flex flex-col">
            Say why
            <input value={other} onChange={(event) => setOther(event.target.value)} className="rounded border border-slate-500 px-2 py-1" />
          </label>
        )}
        <button type="submit" disabled={disabled} className={button}>
          Skip
        </button>
      </form>
    </details>
  );
}

function FlagForm({ disabled, onFlag }: { disabled: boolean; onFlag: (reason: "broken" | "offensive" | "other", note?: string) => void }) {
  const [reason, setReason] = useState<"broken" | "offensive" | "other">("broken");
  const [note, setNote] = useState("");
  return (
    <details className="rounded border border-slate-300 bg-white px-3 py-2">
      <summary className="cursor-pointer font-medium">Report a problem</summary>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          onFlag(reason, note.trim() || undefined);
        }}
      >
        <label className="flex flex-col">
          Problem
          <select value={reason} onChange={(event) => setReason(event.target.value as typeof reason)} className="rounded border border-slate-500 px-2 py-1">
            <option value="broken">Broken or unreadable</option>
            <option value="offensive">Offensive</option>
            <option value="other">Something else</option>
          </select>
        </label>
        <label className="flex flex-col">
          Note (optional)
          <input value={note} onChange={(event) => setNote(event.target.value)} className="rounded border border-slate-500 px-2 py-1" />
        </label>
        <button type="submit" disabled={disabled} className={button}>
          Report
        </button>
      </form>
    </details>
  );
}
