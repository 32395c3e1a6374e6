import type { Metadata } from "next";
import { KINDS } from "@/lib/kinds";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Answer, Question } from "@/components/rating/conversation";
import { CrowdEnd, type ParticipantEnd } from "@/components/crowd/crowd-end";
import { ConsentStep } from "@/components/rating/consent-step";
import { TrainingStep } from "@/components/rating/training-step";
import { JudgePair } from "@/components/rating/judge-pair";
import { RatingSession } from "@/components/rating/rating-session";
import { Markdown } from "@/components/ui/markdown";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { requireRole } from "@/lib/auth";
import { externalSubmitUrl } from "@/lib/crowd/mturk";
import { ratingOptions } from "@/lib/kinds";
import { raterStep, type RaterStep } from "@/lib/rater-steps/step";
import { trainingItem } from "@/lib/rater-steps/training";
import { crowdLinkOf, participantEnd } from "@/lib/studies/crowd-link";
import { studyForRater, whyNotOpen, type Rater } from "@/lib/studies/rater-access";
import { STOPPED_MESSAGE } from "@/lib/assign/lock-own-assignment";
import { SKIP_REASONS } from "@/lib/validation/judgment";
import { consentAction, flagAction, skipAction, submitJudgmentAction, trainingAnswerAction, undoJudgmentAction } from "./actions";

export const metadata: Metadata = { title: "Judge answers" };

/** A phone's browser, by its client hint or its user agent: there, the instructions start folded so the item and its choices come first. */
async function onPhone(): Promise<boolean> {
  const request = await headers();
  return request.get("sec-ch-ua-mobile") === "?1" || /\bMobi|\biPhone\b/.test(request.get("user-agent") ?? "");
}

export default async function RatePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const rater = await requireRole("rater");
  const { slug } = await params;
  const study = await studyForRater(slug, rater);
  if (!study) {
    const closed = (await whyNotOpen(slug, rater)) ?? notFound();
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{closed.title}</h1>
        <div role="status" className="rounded-lg border border-amber-300 bg-white p-6">
          <p className="text-slate-800">{closed.reason}</p>
          <Link href="/rate" className="mt-4 inline-block text-blue-700 underline">
            Back to your studies
          </Link>
        </div>
      </div>
    );
  }

  // Consent, training and the attention checks come before (and beside) the study's items.
  const step = await raterStep(study, rater.id);
  if (step.step !== "rating") {
    const declined = step.step === "consent" && (await searchParams).declined === "1";
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{study.raterTitle}</h1>
        <FirstStep step={step} declined={declined} slug={slug} study={study} rater={rater} />
      </div>
    );
  }

  const pair = await nextAssignment(study, rater.id);
  const { item } = KINDS[study.kind];
  const progress = await raterProgress(study, rater.id);
  const quotaReached = progress.quota !== null && progress.done >= progress.quota;
  // A crowd participant who has done all they can is given the code their platform asks for,
  // and only if they judged something: one who never got a pair is told to return the study.
  const outOfWork = !pair && rater.participant && (quotaReached || progress.remaining === 0);
  const crowd = outOfWork ? await crowdLinkOf(study.id) : null;
  const end = crowd ? await endOf(rater.id) : null;
  const earned = quotaReached || progress.done > 0;
  // Open before the first item, folded after it; on a phone folded from the start, so that the
  // choices are not a screen of instructions away.
  const phone = await onPhone();

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{study.raterTitle}</h1>
        <p className="text-sm text-slate-800" aria-live="polite">
          {progress.done} judged · {progress.remaining} to go
        </p>
      </div>
      <details open={progress.done === 0 && !phone} className="rounded-lg border border-slate-300 bg-white p-4">
        <summary className="cursor-pointer font-medium">
          Instructions{phone && progress.done === 0 && <span className="font-normal text-slate-700"> (tap to read them before your first choice)</span>}
        </summary>
        <div className="mt-3">
          <Markdown>{study.instructions}</Markdown>
        </div>
      </details>
      <RatingSession undo={undoJudgmentAction.bind(null, slug)}>
        {pair ? (
          <JudgePair
            kind={study.kind}
            scale={study.scaleMin !== null && study.scaleMax !== null ? { min: study.scaleMin, max: study.scaleMax } : undefined}
            bothBad={study.offerBothBad}
            key={pair.assignmentId}
            assignmentId={pair.assignmentId}
            question={<Question prompt={pair.prompt} />}
            answerA={<Answer answer={"answer" in pair ? pair.answer : pair.left} />}
            answerB={"answer" in pair ? undefined : <Answer answer={pair.right} />}
            turns={"answer" in pair ? (pair.answer.turns ?? [pair.answer.text]).map((turn, i) => <Markdown key={i}>{turn}</Markdown>) : undefined}
            rationaleMode={study.rationaleMode}
            skipReasons={SKIP_REASONS}
            actions={{ submit: submitJudgmentAction.bind(null, slug), skip: skipAction.bind(null, slug), flag: flagAction.bind(null, slug) }}
            takeFocus={progress.done > 0}
          />
        ) : crowd && !earned ? (
          <div role="status" className="rounded-lg border border-amber-300 bg-white p-6">
            <h2 className="text-lg font-semibold">No work left for you</h2>
            <p className="mt-2 text-slate-800">
              Every {item.one} of this study has been taken by other participants, so there is nothing for you to judge, and no completion code to give.
            </p>
            <p className="mt-2 text-slate-800">
              Please return the study on your platform (on Prolific, &ldquo;Return&rdquo; on the study&apos;s page), so that your place goes to someone else and
              nothing counts against you.
            </p>
            <CrowdEnd code={crowd.noWorkCode} codeLabel="If your platform asks for a code, give this one" end={end!} submit={false} />
          </div>
        ) : (
          <div role="status" className="rounded-lg border border-green-300 bg-white p-6">
            <h2 className="text-lg font-semibold">All done, thank you!</h2>
            <p className="mt-2 text-slate-800">
              {quotaReached ? `You have judged the ${progress.quota} ${item.many} this study asks of each rater.` : `There are no more ${item.many} for you in this study right now.`}
            </p>
            {crowd ? (
              <CrowdEnd code={crowd.completionCode} codeLabel="Your completion code" end={end!} completionUrl={crowd.completionUrl} />
            ) : (
              <Link href="/rate" className="mt-4 inline-block text-blue-700 underline">
                Back to your studies
              </Link>
            )}
          </div>
        )}
      </RatingSession>
    </div>
  );
}

/** How the participant's visit ends on their platform, as the end screens need it. */
async function endOf(raterId: string): Promise<ParticipantEnd> {
  const end = await participantEnd(raterId);
  return end.platform === "mturk" ? { platform: "mturk", submitUrl: externalSubmitUrl(end.submitTo), assignmentId: end.assignmentId } : end;
}

type RatedStudy = NonNullable<Awaited<ReturnType<typeof studyForRater>>>;

/** The step before the study's items: its consent page (or the page for one who declined), a training item, or the stop of the attention checks. */
async function FirstStep({ step, declined, slug, study, rater }: { step: Exclude<RaterStep, { step: "rating" }>; declined: boolean; slug: string; study: RatedStudy; rater: Rater }) {
  const leave = rater.participant ? "Please return the study on your platform, so that your place goes to someone else." : "You can come back to this study from your list while it is open.";
  if (step.step === "stopped") {
    const crowd = rater.participant ? await crowdLinkOf(study.id) : null;
    return (
      <div role="status" className="rounded-lg border border-amber-300 bg-white p-6">
        <h2 className="text-lg font-semibold">Thank you for your time</h2>
        <p className="mt-2 text-slate-800">{STOPPED_MESSAGE}</p>
        {crowd && <CrowdEnd code={crowd.screenOutCode} codeLabel="Your code for the platform" end={await endOf(rater.id)} submit={crowd.screenOutCode !== null} />}
        {!rater.participant && (
          <Link href="/rate" className="mt-4 inline-block text-blue-700 underline">
            Back to your studies
          </Link>
        )}
      </div>
    );
  }
  if (step.step === "consent") {
    return declined ? (
      <div role="status" className="rounded-lg border border-slate-300 bg-white p-6">
        <h2 className="text-lg font-semibold">You chose not to take part</h2>
        <p className="mt-2 text-slate-800">Nothing was recorded. {leave}</p>
        <Link href={`/rate/${slug}`} className="mt-4 inline-block text-blue-700 underline">
          Read the consent page again
        </Link>
      </div>
    ) : (
      <ConsentStep text={<Markdown>{step.text}</Markdown>} agree={consentAction.bind(null, slug)} leave={`/rate/${slug}?declined=1`} />
    );
  }
  const training = await trainingItem(study.id, rater.id, step.answered);
  if (!training || "answer" in training.item) return null;
  const { item, reference } = training;
  const options = ratingOptions(study.kind, { offers: { bothBad: study.offerBothBad } }).options.flatMap((option) =>
    option.answer.kind === "pairwise" ? [{ choice: option.answer.choice, label: option.label }] : [],
  );
  return (
    <TrainingStep
      key={step.answered}
      position={step.answered + 1}
      reference={reference}
      of={step.of}
      question={<Question prompt={item.prompt} />}
      answerA={<Answer answer={item.left} />}
      answerB={<Answer answer={item.right} />}
      options={options}
      answer={trainingAnswerAction.bind(null, slug)}
    />
  );
}
