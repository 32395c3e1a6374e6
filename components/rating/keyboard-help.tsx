"use client";

import { useEffect, useRef } from "react";
import type { RatingOption } from "@/lib/kinds";
import type { RaterKey } from "@/lib/kinds/rater-keys";

const kbd = "rounded border border-slate-500 bg-slate-100 px-1.5 font-mono text-xs text-slate-800";

/**
 * The keys of this study's rating view, in a modal dialog: the options' keys, then the rater's
 * own (skip, report, undo, this help). Escape or the Close button closes it, and focus goes back
 * where it was. Its contents exist only while it is open, so nothing in it is found on the page
 * otherwise.
 */
export function KeyboardHelp({ open, onClose, options, own }: { open: boolean; onClose: () => void; options: readonly RatingOption[]; own: readonly RaterKey[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      closeButton.current?.focus();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="keyboard-help-heading"
      onClose={() => {
        onClose();
        // Back to what had focus before (the browser may not, for a dialog opened by a key).
        const back = returnTo.current;
        returnTo.current = null;
        if (back?.isConnected) back.focus({ preventScroll: true });
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-lg backdrop:bg-slate-900/40"
    >
      {open && (
        <>
          <h2 id="keyboard-help-heading" className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] items-baseline gap-x-4 gap-y-2 text-sm">
            {options.map((option) => (
              <div key={option.key} className="contents">
                <dt>
                  <kbd className={kbd}>{option.key}</kbd>
                </dt>
                <dd>{option.label}</dd>
              </div>
            ))}
            {own.map((key) => (
              <div key={key.keys[0]} className="contents">
                <dt className="flex gap-1">
                  {key.keys.map((one) => (
                    <kbd key={one} className={kbd}>
                      {one}
                    </kbd>
                  ))}
                </dt>
                <dd>{key.does}</dd>
              </div>
            ))}
            <div className="contents">
              <dt>
                <kbd className={kbd}>Esc</kbd>
              </dt>
              <dd>Close this list</dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-slate-700">Keys do nothing while you type in a box.</p>
          <form method="dialog" className="mt-4 flex justify-end">
            <button ref={closeButton} type="submit" className="rounded-md border border-slate-500 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700">
              Close
            </button>
          </form>
        </>
      )}
    </dialog>
  );
}
