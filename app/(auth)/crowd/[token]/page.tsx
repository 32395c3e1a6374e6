import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CrowdEntry } from "@/components/auth/crowd-entry";
import { currentUser } from "@/lib/auth";
import { viewCrowdLink } from "@/lib/studies/crowd-link";
import { participantSchema } from "@/lib/validation/crowd-link";

export const metadata: Metadata = { title: "Study" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A study's crowd link: the participant is signed in as their own rater and taken to the pairs. Open to anyone with the link. */
export default async function CrowdLinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await params;
  const query = await searchParams;
  const ids = participantSchema.safeParse({
    PROLIFIC_PID: first(query.PROLIFIC_PID) ?? "",
    STUDY_ID: first(query.STUDY_ID) || undefined,
    SESSION_ID: first(query.SESSION_ID) || undefined,
  });
  const [view, user] = await Promise.all([viewCrowdLink(token, ids.data?.PROLIFIC_PID), currentUser()]);
  if (!view) notFound();
  // Signing in as a participant would end the session of anyone else signed in here.
  const someoneElse = user && !user.participant ? `You are signed in as ${user.email}. This link is for a crowd platform's participants: sign out first to take part as one.` : null;
  const problem = view.refusal ?? someoneElse ?? (ids.success ? null : `This link does not carry a usable participant id: ${ids.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join("; ")}. Please open the study from your platform again.`);
  return (
    <div className="mx-auto mt-10 max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{view.study.raterTitle}</h1>
      {problem || !ids.success ? (
        <p role="alert" className="text-red-800">
          {problem}
        </p>
      ) : (
        <CrowdEntry token={token} ids={ids.data} landing={`/rate/${view.study.slug}`} />
      )}
    </div>
  );
}
