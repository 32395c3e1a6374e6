import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser, homeFor } from "@/lib/auth";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths, so a crafted link cannot send someone elsewhere after sign-in. */
function safeCallback(value: string | string[] | undefined): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (user) redirect(homeFor(user.role));
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={safeCallback(callbackUrl)} />
    </div>
  );
}
