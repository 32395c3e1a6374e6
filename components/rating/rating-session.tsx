"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition, type ReactNode, type RefObject } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { RATER_KEYS, raterActionOf } from "@/lib/kinds/rater-keys";
import { UNDO_SECONDS } from "@/lib/judgments/undo-window";

const UNREACHABLE = "The server could not be reached, so nothing was taken back. Please try again in a few seconds.";

/** Taking back the rater's last judgment, by the assignment it was made on. */
export type UndoAction = (input: { assignmentId: string }) => Promise<FormState>;

interface Session {
  /** A judgment was recorded on this assignment: it may be taken back for a while. */
  judged(assignmentId: string): void;
  /** The rater did something else since (skipped, reported): their last judgment is no longer undone from here. */
  acted(): void;
  /** The rater is about to judge: from now on, a new item takes focus and the page returns to its top. */
  starting(): void;
  /** Whether the rater has judged or undone anything on this page, so that a new item takes focus. */
  hasActed(): boolean;
  /** The top of the rating area, where the page returns after each choice. */
  top: RefObject<HTMLDivElement | null>;
}

const NO_SESSION: Session = { judged: () => {}, acted: () => {}, starting: () => {}, hasActed: () => false, top: { current: null } };
const SessionContext = createContext<Session>(NO_SESSION);

/** What the rating view tells the page around it (nothing, outside a session). */
export const useRatingSession = () => useContext(SessionContext);

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The rater's time on one study's page, across the items it shows: after each judgment, "Undo"
 * (and its key) for a minute or until they do something else, which takes the judgment back and
 * brings the same item again. Kept above the items, so it outlives the item it is about.
 */
export function RatingSession({ undo, children }: { undo: UndoAction; children: ReactNode }) {
  const [last, setLast] = useState<{ assignmentId: string; until: number } | null>(null);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const acted = useRef(false);
  const top = useRef<HTMLDivElement>(null);

  // The window closes on the server a minute after the judgment; here a little sooner, from when
  // the page heard of it.
  useEffect(() => {
    if (!last) return;
    const timer = window.setTimeout(() => setLast(null), Math.max(0, last.until - Date.now()));
    return () => window.clearTimeout(timer);
  }, [last]);

  const session = useMemo<Session>(
    () => ({
      judged: (assignmentId) => {
        setMessage(null);
        setError(null);
        setLast({ assignmentId, until: Date.now() + UNDO_SECONDS * 1000 });
      },
      acted: () => {
        setMessage(null);
        setLast(null);
      },
      starting: () => {
        acted.current = true;
      },
      hasActed: () => acted.current,
      top,
    }),
    [],
  );

  const takeBack = useCallback(() => {
    if (!last || pending) return;
    const { assignmentId } = last;
    setError(null);
    acted.current = true;
    startTransition(async () => {
      const result = await undo({ assignmentId }).catch((): FormState => ({ error: UNREACHABLE }));
      setLast(null);
      if (result.error) setError(result.error);
      else setMessage(result.message ?? null);
    });
  }, [last, pending, undo]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!last || event.repeat || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (raterActionOf(event.key) !== "undo") return;
      event.preventDefault();
      takeBack();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [last, takeBack]);

  const key = RATER_KEYS.undo.keys[0];
  return (
    <SessionContext.Provider value={session}>
      <div ref={top} className="scroll-mt-4">
        {/* A live region, not a status: the page's status is the item's or the end's. */}
        <div aria-live="polite">
          {last && (
            <div data-undo className="mb-4 flex flex-wrap items-center justify-between gap-2 rounded-lg border border-blue-300 bg-blue-50 px-4 py-2 text-sm">
              <span className="text-slate-900">Your choice was recorded.</span>
              <button
                type="button"
                onClick={takeBack}
                disabled={pending}
                aria-keyshortcuts={key}
                className="inline-flex items-center gap-2 rounded-md border border-slate-500 bg-white px-3 py-1 font-medium text-slate-900 hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60"
              >
                Undo
                <kbd aria-hidden="true" className="rounded border border-slate-500 bg-slate-100 px-1.5 text-xs text-slate-800">
                  {key}
                </kbd>
              </button>
            </div>
          )}
          {!last && message && <p className="mb-4 rounded-lg border border-green-300 bg-white px-4 py-2 text-sm text-green-900">{message}</p>}
        </div>
        {error && (
          <p role="alert" className="mb-4 text-sm font-medium text-red-800">
            {error}
          </p>
        )}
        {children}
      </div>
    </SessionContext.Provider>
  );
}
