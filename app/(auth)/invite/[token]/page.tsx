import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InvitedSignUpForm, JoinAsRaterForm } from "@/components/auth/invitation-forms";
import { currentUser } from "@/lib/auth";
import { viewInvitation } from "@/lib/studies/invitations";
import { joinAsRaterAction, signUpThroughInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

/** An invitation link: sign up (or join, signed in as a rater) and land in the study. Open to anyone with the link. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([viewInvitation(token), currentUser()]);
  if (!invitation) notFound();
  const signInHere = `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`;
  return (
    <div className="mx-auto mt-10 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">You are invited to rate: {invitation.study.raterTitle}</h1>
      {invitation.refusal ? (
        <p role="alert" className="text-red-800">
          {invitation.refusal}
        </p>
      ) : !user ? (
        <>
          <p className="text-sm text-slate-700">Make a rater account to join. You will judge pairs of answers to the same question.</p>
          <InvitedSignUpForm token={token} action={signUpThroughInvitationAction} />
          <p className="text-sm">
            Have a rater account already?{" "}
            <Link href={signInHere} className="text-blue-700 underline">
              Sign in
            </Link>{" "}
            and you will come back here.
          </p>
        </>
      ) : user.role === "rater" ? (
        <>
          <p className="text-sm text-slate-700">You are signed in as {user.email}.</p>
          <JoinAsRaterForm token={token} action={joinAsRaterAction} />
        </>
      ) : (
        <p className="text-slate-700">
          You are signed in as {user.email}, a {user.role}. Invitations are for raters: sign out first to sign up as one.
        </p>
      )}
    </div>
  );
}
