"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the results while raters work, without a reload: the server recounts and only what
 * changed is patched in. Paused while the tab is hidden, so idle tabs cost the database nothing.
 */
export function LiveRefresh({ seconds = 10 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return (
    <p className="text-xs text-slate-600" aria-live="off">
      Updates every {seconds} seconds while raters work.
    </p>
  );
}
