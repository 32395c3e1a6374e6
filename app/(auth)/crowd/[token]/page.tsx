import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CrowdEntry } from "@/components/auth/crowd-entry";
import { MturkHit, MturkPreview } from "@/components/crowd/mturk-hit";
import { Answer, Question } from "@/components/rating/conversation";
import { currentUser } from "@/lib/auth";
import { externalSubmitUrl, MTURK_PREVIEW_ASSIGNMENT } from "@/lib/crowd/mturk";
import { viewCrowdLink } from "@/lib/studies/crowd-link";
import { publicExample } from "@/lib/studies/preview-item";
import { isMturk, readVisit, visitFields } from "@/lib/validation/crowd-link";

export const metadata: Metadata = { title: "Study" };

/**
 * A study's crowd link: the participant is signed in as their own rater and taken to the items.
 * Open to anyone with the link. On MTurk the page sits in MTurk's frame: a preview shows an
 * example and records nothing; an accepted HIT opens the task in a tab of its own (where the
 * session is first-party) and holds the form that submits the HIT.
 */
export default async function CrowdLinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await params;
  const query = await searchParams;
  const fields = visitFields(query);
  const read = readVisit(fields);
  const visit = "visit" in read ? read.visit : null;
  const [view, user] = await Promise.all([viewCrowdLink(token, visit ?? undefined), currentUser()]);
  if (!view) notFound();
  if (isMturk(fields) && fields.assignmentId === MTURK_PREVIEW_ASSIGNMENT) {
    // Anyone may preview a HIT: the target's side is drawn, so the example tells no one which answer is whose.
    const example = view.refusal ? null : await publicExample(view.study.id);
    return (
      <Frame title={view.study.raterTitle}>
        {view.refusal ? (
          <p role="alert" className="text-red-800">
            {view.refusal}
          </p>
        ) : (
          <MturkPreview
            example={
              example && !("answer" in example.item) ? { question: <Question prompt={example.item.prompt} />, answerA: <Answer answer={example.item.left} />, answerB: <Answer answer={example.item.right} /> } : null
            }
          />
        )}
      </Frame>
    );
  }
  // Signing in as a participant would end the session of anyone else signed in here.
  const someoneElse = user && !user.participant ? `You are signed in as ${user.email}. This link is for a crowd platform's participants: sign out first to take part as one.` : null;
  const problem = view.refusal ?? ("problem" in read ? `This link does not carry a usable participant id: ${read.problem}. Please open the study from your platform again.` : null);
  if (!problem && visit?.platform === "mturk" && query.start !== "1") {
    const task = new URLSearchParams({ ...fields, start: "1" });
    return (
      <Frame title={view.study.raterTitle}>
        <MturkHit taskUrl={`/crowd/${token}?${task}`} submitUrl={externalSubmitUrl(visit.submitTo!)} assignmentId={visit.sessionRef!} />
      </Frame>
    );
  }
  const refusal = problem ?? someoneElse;
  return (
    <Frame title={view.study.raterTitle}>
      {refusal || !visit ? (
        <p role="alert" className="text-red-800">
          {refusal}
        </p>
      ) : (
        <CrowdEntry token={token} fields={fields} landing={`/rate/${view.study.slug}`} />
      )}
    </Frame>
  );
}

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto mt-10 max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children}
    </div>
  );
}
