"use client";

import { useEffect } from "react";

const DELAY_MS = 5000;

/** Sends a crowd participant back to their platform's completion page after a moment to note the code, with the link meanwhile. */
export function CompletionRedirect({ url }: { url: string }) {
  useEffect(() => {
    const timer = setTimeout(() => window.location.assign(url), DELAY_MS);
    return () => clearTimeout(timer);
  }, [url]);
  return (
    <p className="mt-3 text-slate-800">
      Taking you back to your platform in a few seconds…{" "}
      <a href={url} className="text-blue-700 underline">
        Go now
      </a>
    </p>
  );
}
