"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A menu that opens over the page (a details element): it closes on a click or tap outside it and
 * on Escape, so that an open menu never stays over the controls beneath it.
 */
export function MenuDetails({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: Event) => {
      const menu = ref.current;
      if (!menu?.open) return;
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !menu.contains(event.target as Node)) menu.open = false;
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <details ref={ref} className="relative">
      <summary className="cursor-pointer rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium">{summary}</summary>
      <ul className="absolute right-0 z-10 mt-1 w-64 space-y-1 rounded border border-slate-300 bg-white p-2 text-sm shadow">{children}</ul>
    </details>
  );
}
