"use client";

import { useState } from "react";

/** A code for the participant to give their platform, with a button that copies it. */
export function PlatformCode({ label, code }: { label: string; code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <p className="mt-3 flex flex-wrap items-center gap-2 text-slate-900">
      {label}: <strong className="font-mono text-lg">{code}</strong>
      <button
        type="button"
        className="rounded border border-slate-500 bg-white px-2 py-1 text-sm font-medium hover:bg-blue-50"
        onClick={async () => {
          await navigator.clipboard.writeText(code);
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy code"}
      </button>
      <span aria-live="polite" className="sr-only">
        {copied ? "The code is copied." : ""}
      </span>
    </p>
  );
}
