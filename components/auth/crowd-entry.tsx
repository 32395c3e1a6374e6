"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ParticipantIds } from "@/lib/validation/crowd-link";

/** Signs a crowd participant in with their platform ids (no password) and takes them to the study. */
export function CrowdEntry({ token, ids, landing }: { token: string; ids: ParticipantIds; landing: string }) {
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    signIn("crowd", { token, ...ids, redirect: false }).then((result) => {
      if (!result || result.error) {
        setFailed(true);
        return;
      }
      router.replace(landing);
      router.refresh();
    });
  }, [token, ids, landing, router]);
  return failed ? (
    <p role="alert" className="text-red-800">
      This study could not take you in: it may have closed, or your participant account was disabled. Please return the study on your platform.
    </p>
  ) : (
    <p role="status">Taking you to the study…</p>
  );
}
