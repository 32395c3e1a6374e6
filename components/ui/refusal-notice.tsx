"use client";

import { useEffect, useRef } from "react";

/**
 * What a button's action refused, sent back in the page's address (lib/actions/refusal.ts): read
 * out at once, and brought into view, since the button may be far down the page.
 */
export function RefusalNotice({ message }: { message: string | null }) {
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) notice.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <p ref={notice} tabIndex={-1} role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800 focus:outline-none">
      {message}
    </p>
  );
}
