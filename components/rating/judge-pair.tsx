"use client";

import { useEffect, useRef, useState, useTransition, type ReactNode, type Ref } from "react";
import type { FormState } from "@/lib/actions/form-state";
import type { Answer, KindName, LabelName } from "@/lib/kinds";
import { KIND_VIEWS, ratingOptions } from "@/lib/kinds/views";
import { RATER_KEYS, raterActionOf } from "@/lib/kinds/rater-keys";
import { KeyboardHelp } from "./keyboard-help";
import { useRatingSession } from "./rating-session";

const UNREACHABLE = "The server could not be reached, so this was not recorded yet. Please try again in a few seconds.";

export interface RatingActions {
  submit: (input: Answer & { assignmentId: string; rationale?: string }) => Promise<FormState>;
  skip: (input: { assignmentId: string; reason: string }) => Promise<FormState>;
  flag: (input: { assignmentId: string; reason: "broken" | "offensive" | "other"; note?: string }) => Promise<FormState>;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/** A key's badge: shown beside what it does, hidden on touch screens (app/globals.css). */
function KeyBadge({ children }: { children: string }) {
  return (
    <kbd aria-hidden="true" className="key-hint rounded border border-slate-500 bg-slate-100 px-1.5 text-xs font-normal text-slate-800">
      {children}
    </kbd>
  );
}

const OWN_KEYS = [RATER_KEYS.skip, RATER_KEYS.flag, RATER_KEYS.undo, RATER_KEYS.help];

const button =
  "rounded-md border border-slate-500 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60";

/**
 * The rater's view of one item, as its study's kind has it: the question, the two answers and
 * the paper's three options (and "Both are bad" where the study offers it); or one answer and
 * its labels or scores; or a conversation and a
 * label per assistant turn. Then skip and flag. Each option has its key, as do skip (S), report
 * (R) and the keyboard help (? or H), which lists them all.
 */
export function JudgePair({
  kind,
  scale,
  bothBad = false,
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
  kind: KindName;
  /** A study of scores: its own scale, when it states one. */
  scale?: { min: number; max: number };
  /** Whether the study offers a fourth option beside two answers, "Both are bad". */
  bothBad?: boolean;
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
  const [helpOpen, setHelpOpen] = useState(false);
  const rationaleBox = useRef<HTMLTextAreaElement>(null);
  const skipForm = useRef<HTMLDetailsElement>(null);
  const flagForm = useRef<HTMLDetailsElement>(null);
  const session = useRatingSession();

  /** `done` runs once the action has succeeded: what the page around the item is told. */
  function run(action: () => Promise<FormState>, done: () => void) {
    if (pending) return;
    setError(null);
    setNotice(null);
    startTransition(async () => {
      // A server that cannot be reached (or fails) leaves the pair, the choice and the rationale
      // on screen, so the rater can send them again.
      const result = await action().catch((): FormState => ({ error: UNREACHABLE }));
      if (result.error) setError(result.error);
      else done();
      if (result.message) setNotice(result.message);
    });
  }

  const view = KIND_VIEWS[kind].rating;
  const single = view.shows !== "pair";
  const { turnLabels: perTurn } = view;
  const { question: asked, options } = ratingOptions(kind, { scale, offers: { bothBad } });
  const [turnLabels, setTurnLabels] = useState<(LabelName | null)[]>(() => turns.map(() => null));

  function choose(input: Answer) {
    if (rationaleMode === "required" && rationale.trim() === "") {
      setError("Please say briefly why, in the box above, then choose.");
      rationaleBox.current?.focus();
      return;
    }
    if (pending) return;
    session.starting();
    run(
      () => actions.submit({ assignmentId, ...input, rationale: rationaleMode === "off" ? undefined : rationale }),
      () => session.judged(assignmentId),
    );
  }

  /** Opens the skip or report form, its first field focused, for the keyboard to go on. */
  function openForm(form: HTMLDetailsElement | null) {
    if (!form) return;
    form.open = true;
    form.querySelector<HTMLElement>("select, input, button")?.focus();
  }

  // A new pair replaces the buttons a keyboard user was on; bring their focus to the new pair
  // instead of leaving it on the page's body, and the page back to its top if the rater had
  // scrolled down the last one (on a phone, say).
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!takeFocus && !session.hasActed()) return;
    if (document.activeElement === document.body || document.activeElement === null) section.current?.focus({ preventScroll: true });
    const top = session.top.current ?? section.current;
    if (top && top.getBoundingClientRect().top < 0) top.scrollIntoView({ block: "start" });
    // Once, when the item appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      // While the help is open, only its own keys (Escape, or its key again) do anything.
      const own = raterActionOf(event.key);
      if (helpOpen) {
        if (own === "help") {
          event.preventDefault();
          setHelpOpen(false);
        }
        return;
      }
      if (own === "help") {
        event.preventDefault();
        setHelpOpen(true);
      } else if (own === "skip" || own === "flag") {
        event.preventDefault();
        openForm((own === "skip" ? skipForm : flagForm).current);
        return;
      }
      const option = options.find((o) => o.key !== "" && o.key === event.key.toUpperCase());
      if (!option) return;
      event.preventDefault();
      choose(option.answer);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <>
      <section ref={section} tabIndex={-1} aria-busy={pending} aria-label={single ? "Answer to label" : "Pair to judge"} className="space-y-4 focus:outline-none">
        {question}
        <div className={single ? "" : "grid gap-4 md:grid-cols-2"}>
          <article aria-labelledby="answer-a" className="min-w-0 rounded-lg border border-slate-300 bg-white p-4">
            <h2 id="answer-a" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-700">
              {single ? "Answer" : "Answer A"}
            </h2>
            {perTurn ? (
              <ol className="space-y-4">
                {turns.map((turn, i) => (
                  <li key={i}>
                    <p className="mb-1 text-xs font-semibold text-slate-700">Turn {i + 1}</p>
                    {turn}
                    <fieldset className="mt-2 flex flex-wrap gap-4">
                      <legend className="sr-only">Turn {i + 1}</legend>
                      {perTurn.choices.map(({ value: label, name }) => (
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
          {view.questionShown && <p className="text-sm font-medium">{asked}</p>}
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
          <div role="group" aria-label={asked} className="flex flex-col gap-2 sm:flex-row">
            {perTurn && (
              <button
                type="button"
                disabled={pending || turnLabels.some((label) => label === null)}
                onClick={() => choose(perTurn.answer(turnLabels as LabelName[]))}
                className={`${button} flex-1`}
              >
                {perTurn.submit}
              </button>
            )}
            {options.map((option) => (
              <button
                key={option.label}
                type="button"
                disabled={pending}
                onClick={() => choose(option.answer)}
                aria-keyshortcuts={option.key || undefined}
                className={`${button} flex flex-1 items-center justify-between gap-2 text-left`}
              >
                <span>{option.label}</span>
                {option.key && <KeyBadge>{option.key}</KeyBadge>}
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
          <div className="flex flex-wrap items-start gap-3 text-sm">
            <SkipForm
              ref={skipForm}
              reasons={skipReasons}
              noun={KIND_VIEWS[kind].item.one}
              disabled={pending}
              onSkip={(reason) => run(() => actions.skip({ assignmentId, reason }), session.acted)}
            />
            <FlagForm ref={flagForm} disabled={pending} onFlag={(reason, note) => run(() => actions.flag({ assignmentId, reason, note }), session.acted)} />
            <button
              type="button"
              onClick={() => setHelpOpen(true)}
              aria-haspopup="dialog"
              aria-keyshortcuts={RATER_KEYS.help.keys.join(" ")}
              className="key-hint ml-auto inline-flex items-center gap-2 rounded border border-slate-300 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
            >
              Keyboard shortcuts
              <KeyBadge>{RATER_KEYS.help.keys[0]}</KeyBadge>
            </button>
          </div>
        </div>
      </section>
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} options={options.filter((option) => option.key !== "")} own={OWN_KEYS} />
    </>
  );
}

function SkipForm({
  ref,
  reasons,
  noun,
  disabled,
  onSkip,
}: {
  ref: Ref<HTMLDetailsElement>;
  reasons: readonly string[];
  noun: string;
  disabled: boolean;
  onSkip: (reason: string) => void;
}) {
  const [reason, setReason] = useState(reasons[0]);
  const [other, setOther] = useState("");
  return (
    <details ref={ref} className="rounded border border-slate-300 bg-white px-3 py-2">
      <summary className="cursor-pointer font-medium" aria-keyshortcuts={RATER_KEYS.skip.keys[0]}>
        Skip this {noun} <KeyBadge>{RATER_KEYS.skip.keys[0]}</KeyBadge>
      </summary>
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

function FlagForm({
  ref,
  disabled,
  onFlag,
}: {
  ref: Ref<HTMLDetailsElement>;
  disabled: boolean;
  onFlag: (reason: "broken" | "offensive" | "other", note?: string) => void;
}) {
  const [reason, setReason] = useState<"broken" | "offensive" | "other">("broken");
  const [note, setNote] = useState("");
  return (
    <details ref={ref} className="rounded border border-slate-300 bg-white px-3 py-2">
      <summary className="cursor-pointer font-medium" aria-keyshortcuts={RATER_KEYS.flag.keys[0]}>
        Report a problem <KeyBadge>{RATER_KEYS.flag.keys[0]}</KeyBadge>
      </summary>
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
