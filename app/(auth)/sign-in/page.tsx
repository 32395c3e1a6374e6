import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser, homeFor, sameOriginPath } from "@/lib/auth";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (user) redirect(homeFor(user.role));
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      {/* Only same-site paths, so a crafted link cannot send someone elsewhere after sign-in. */}
      <SignInForm callbackUrl={sameOriginPath(callbackUrl)} action={signInAction} />
    </div>
  );
}
