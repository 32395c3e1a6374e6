"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { Field } from "@/components/ui/field";
import type { FormAction, FormState } from "@/lib/actions/form-state";

interface Props {
  slug: string;
  /** The link to give the platform, with its placeholders; null while the link is off. */
  link: string | null;
  /** MTurk's ExternalQuestion address (MTurk adds its own ids); null while the link is off. */
  mturkLink: string | null;
  completionCode: string | null;
  completionUrl: string | null;
  noWorkCode: string | null;
  screenOutCode: string | null;
  crowdCap: number | null;
  crowdQuota: number | null;
  exportParticipantIds: boolean;
  /** Participants so far, and the new identities the cap and the per-address throttle turned away. */
  entries: { participants: number; overCap: number; throttled: number };
  entryLimit: { perAddress: number; minutes: number };
  save: FormAction;
}

/** The study's crowd link: on or off, the completion code and address, and whether exports name participants. */
export function CrowdLinkForm({ slug, link, mturkLink, completionCode, completionUrl, noWorkCode, screenOutCode, crowdCap, crowdQuota, exportParticipantIds, entries, entryLimit, save }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  const [copied, setCopied] = useState<string | null>(null);
  const errors = state.fieldErrors ?? {};
  return (
    <section aria-labelledby="crowd-heading" className="max-w-3xl space-y-3">
      <h2 id="crowd-heading" className="text-lg font-semibold">
        Crowd link
      </h2>
      <p className="text-sm text-slate-700">
        One link for a crowd platform (Prolific, or MTurk as an ExternalQuestion): each participant it sends gets a rater identity of their own, with
        no password, for this study only. Once they have judged their quota (or all they can), they see the completion code, and are sent to the
        completion address if there is one (on MTurk, they submit the HIT). One who got no pair at all sees a &ldquo;no work left&rdquo; page asking
        them to return the study, with the no-work code if you set one; one stopped by the attention checks sees the screen-out code.
      </p>
      {link && <CopyableLink label="Give Prolific this link" link={link} copied={copied === link} onCopy={() => setCopied(link)} />}
      {mturkLink && (
        <CopyableLink
          label="Or give MTurk this ExternalURL (it adds assignmentId, hitId, workerId and turkSubmitTo; a preview shows an example pair and records nothing)"
          link={mturkLink}
          copied={copied === mturkLink}
          onCopy={() => setCopied(mturkLink)}
        />
      )}
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" aria-label="Crowd link so far">
        <dt className="text-slate-700">Participants</dt>
        <dd>
          {entries.participants.toLocaleString("en")}
          {crowdCap !== null && ` of ${crowdCap.toLocaleString("en")}`}
        </dd>
        <dt className="text-slate-700">Turned away: study full</dt>
        <dd>{entries.overCap.toLocaleString("en")}</dd>
        <dt className="text-slate-700">Turned away: too many from one address</dt>
        <dd>
          {entries.throttled.toLocaleString("en")}{" "}
          <span className="text-slate-600">
            (at most {entryLimit.perAddress} new participants per address in {entryLimit.minutes} minutes)
          </span>
        </dd>
      </dl>
      <form onSubmit={keepValuesOnSubmit(action)} className="space-y-3" aria-label="Crowd link settings">
        <input type="hidden" name="slug" value={slug} />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="enabled" defaultChecked={link !== null} /> Crowd link on
        </label>
        <Field id="completion-code" label="Completion code" hint="What participants paste into the platform; needed while the link is on." error={errors.completionCode}>
          <input id="completion-code" name="completionCode" defaultValue={completionCode ?? ""} maxLength={100} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <Field id="crowd-cap" label="Participants at most" hint="The number of places you asked the platform for; new participants past it are turned away. Empty for no cap." error={errors.crowdCap}>
          <input id="crowd-cap" name="crowdCap" type="number" min={1} step={1} defaultValue={crowdCap ?? ""} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <Field id="crowd-quota" label="Items per participant (optional)" hint="The most one participant of this link may take; invited raters keep the study's quota. Empty for the study's quota." error={errors.crowdQuota}>
          <input id="crowd-quota" name="crowdQuota" type="number" min={1} step={1} defaultValue={crowdQuota ?? ""} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <Field id="screen-out-code" label="Screen-out code (optional)" hint="Shown to a participant the attention checks stopped, for the platform to pay or return them by." error={errors.screenOutCode}>
          <input id="screen-out-code" name="screenOutCode" defaultValue={screenOutCode ?? ""} maxLength={100} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <Field id="no-work-code" label="No-work code (optional)" hint="Shown to a participant who got no pair at all (the study ran out before them), in place of the completion code." error={errors.noWorkCode}>
          <input id="no-work-code" name="noWorkCode" defaultValue={noWorkCode ?? ""} maxLength={100} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <Field id="completion-url" label="Completion address (optional)" hint="Where participants are sent once done, e.g. the platform's completion page." error={errors.completionUrl}>
          <input id="completion-url" name="completionUrl" defaultValue={completionUrl ?? ""} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="exportParticipantIds" defaultChecked={exportParticipantIds} /> Put participants&apos; own platform ids in the
          judgments download (otherwise only their pseudonyms)
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
            Save crowd link
          </button>
          <ActionMessage error={state.error} done={state.ok ? "Crowd link saved." : undefined} />
        </div>
      </form>
    </section>
  );
}

function CopyableLink({ label, link, copied, onCopy }: { label: string; link: string; copied: boolean; onCopy: () => void }) {
  return (
    <p className="text-sm">
      {label}: <code className="break-all">{link}</code>{" "}
      <button
        type="button"
        className="text-blue-700 underline"
        onClick={async () => {
          await navigator.clipboard.writeText(link);
          onCopy();
        }}
      >
        {copied ? "Copied" : "Copy link"}
      </button>
    </p>
  );
}
