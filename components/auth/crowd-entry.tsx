"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { VisitFields } from "@/lib/validation/crowd-link";

const GENERIC_FAILURE = "This study could not take you in: it may have closed, or your participant account was disabled. Please return the study on your platform.";

/** Signs a crowd participant in with their platform ids (no password) and takes them to the study. */
export function CrowdEntry({ token, fields, landing }: { token: string; fields: VisitFields; landing: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    signIn("crowd", { token, ...fields, redirect: false }).then((result) => {
      if (!result || result.error) {
        // next-auth says "CredentialsSignin" when it has no message of ours to pass on.
        setFailure(result?.error && result.error !== "CredentialsSignin" ? result.error : GENERIC_FAILURE);
        return;
      }
      router.replace(landing);
      router.refresh();
    });
  }, [token, fields, landing, router]);
  return failure ? (
    <p role="alert" className="text-red-800">
      {failure}
    </p>
  ) : (
    <p role="status">Taking you to the study…</p>
  );
}
