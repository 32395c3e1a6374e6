import type { Metadata } from "next";
import { studyPageFor } from "@/lib/studies/study-page";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { headers } from "next/headers";
import Link from "next/link";
import { CrowdLinkForm } from "@/components/studies/crowd-link-form";
import { RaterStepsForm } from "@/components/studies/rater-steps-form";
import { raterStepsOf } from "@/lib/rater-steps/settings";
import { StudyInvitations } from "@/components/studies/study-invitations";
import { StudyJudges } from "@/components/studies/study-judges";
import { StudyPeople } from "@/components/studies/study-people";
import { StudySettingsForm } from "@/components/studies/study-settings-form";
import { RefusalNotice } from "@/components/ui/refusal-notice";
import {
  addCollaboratorAction,
  addJudgeAction,
  cancelJudgeRunAction,
  createInvitationAction,
  deleteJudgeAction,
  editJudgeAction,
  letRaterInAction,
  letRaterOutAction,
  removeCollaboratorAction,
  runJudgeAgainAction,
  saveCrowdLinkAction,
  saveRaterStepsAction,
  saveSettingsAction,
  startJudgeRunAction,
  withdrawInvitationAction,
} from "./actions";
import { readRefusal } from "@/lib/actions/refusal";
import { studyResearchers } from "@/lib/studies/collaborators";
import { env } from "@/lib/env";
import { crowdEntryCounts, crowdLinkOf, PROLIFIC_QUERY } from "@/lib/studies/crowd-link";
import { listInvitations } from "@/lib/studies/invitations";
import { DEFAULT_JUDGE_PROMPT } from "@/lib/judge/judge-prompt";
import { listJudges } from "@/lib/judge/judges";
import { studyRaters } from "@/lib/studies/study-raters";
import { identityLabel } from "@/lib/results/rater-identity";
import { studyBaselines, studySettings } from "@/lib/studies/study-settings";

export const metadata: Metadata = { title: "Study settings" };

/** Where this app is reached from: the configured address, else the one this request came to. */
async function siteOrigin(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const request = await headers();
  return `${request.get("x-forwarded-proto") ?? "http"}://${request.get("host")}`;
}

export default async function StudySettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { study } = await studyPageFor(slug);
  const researchers = await studyResearchers(study.id);
  const origin = await siteOrigin();
  // What a button below (remove, withdraw, run) refused.
  const refused = readRefusal(`/studies/${study.slug}/settings`, await searchParams);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/studies/${study.slug}`} className="text-blue-700 underline">
          ← {study.title}
        </Link>
      </p>
      <h1 className="text-xl font-semibold">Settings</h1>
      <RefusalNotice message={refused} />
      {study.status === "closed" ? (
        <p className="text-slate-700">This study is closed: its settings and results are final.</p>
      ) : (
        <StudySettingsForm
          slug={study.slug}
          kind={study.kind}
          settings={await studySettings(study.id)}
          baselines={(await studyBaselines(study.id)).map((baseline) => baseline.name)}
          save={saveSettingsAction}
        />
      )}
      <StudyPeople
        slug={study.slug}
        heading="Researchers"
        who="researcher"
        intro="They see this study, its results and its data, and may change it, as its owner does."
        first={researchers.owner ? `${researchers.owner} (owner)` : "No owner: made from the command line, open to every researcher"}
        people={researchers.collaborators.map((person) => ({ id: person.id, label: person.email }))}
        add={addCollaboratorAction}
        remove={removeCollaboratorAction}
      />
      <StudyPeople
        slug={study.slug}
        heading="Raters"
        who="rater"
        intro="Raters let into this study judge it while it is open; when it is open to every rater account, anyone with one may. Each is listed by who they are (an account's email, a crowd participant's platform and id) beside their pseudonym in the results and downloads."
        people={(await studyRaters(study.id)).map((rater) => ({ id: rater.id, label: identityLabel(rater.identity), detail: rater.rater }))}
        add={letRaterInAction}
        remove={letRaterOutAction}
      />
      {study.status !== "closed" && (
        <StudyInvitations
          slug={study.slug}
          invitations={(await listInvitations(study.id)).map(({ token, expiresAt, ...invitation }) => ({
            ...invitation,
            link: `${origin}/invite/${token}`,
            expiresAt: expiresAt?.toISOString() ?? null,
          }))}
          create={createInvitationAction}
          withdraw={withdrawInvitationAction}
        />
      )}
      {study.status !== "closed" && <RaterSteps slug={study.slug} studyId={study.id} gold={comparesTwoAnswers(study.kind)} />}
      {study.status !== "closed" && <CrowdLink slug={study.slug} studyId={study.id} origin={origin} />}
      {comparesTwoAnswers(study.kind) && (
        <StudyJudges
          slug={study.slug}
          judges={await listJudges(study.id)}
          defaultPrompt={DEFAULT_JUDGE_PROMPT}
          add={addJudgeAction}
          start={startJudgeRunAction}
          runAgain={runJudgeAgainAction}
          cancel={cancelJudgeRunAction}
          edit={editJudgeAction}
          remove={deleteJudgeAction}
        />
      )}
    </div>
  );
}

async function CrowdLink({ slug, studyId, origin }: { slug: string; studyId: string; origin: string }) {
  const [{ crowdToken, ...settings }, entries] = await Promise.all([crowdLinkOf(studyId), crowdEntryCounts(studyId)]);
  return (
    <CrowdLinkForm
      slug={slug}
      link={crowdToken ? `${origin}/crowd/${crowdToken}?${PROLIFIC_QUERY}` : null}
      mturkLink={crowdToken ? `${origin}/crowd/${crowdToken}` : null}
      {...settings}
      entries={entries}
      entryLimit={{ perAddress: env().CROWD_ENTRIES_PER_ADDRESS, minutes: env().CROWD_ENTRY_WINDOW_MINUTES }}
      save={saveCrowdLinkAction}
    />
  );
}

async function RaterSteps({ slug, studyId, gold }: { slug: string; studyId: string; gold: boolean }) {
  const { goldPairs, ...steps } = await raterStepsOf(studyId);
  return <RaterStepsForm slug={slug} {...steps} goldPairs={gold ? goldPairs : null} save={saveRaterStepsAction} />;
}
