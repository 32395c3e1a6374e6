"use client";

import { useActionState, useState } from "react";
import type { SettingsState } from "@/app/(research)/studies/[slug]/settings/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { Field } from "@/components/ui/field";

interface Props {
  slug: string;
  /** The link to give the platform, with its placeholders; null while the link is off. */
  link: string | null;
  completionCode: string | null;
  completionUrl: string | null;
  exportParticipantIds: boolean;
  save: (previous: SettingsState, form: FormData) => Promise<SettingsState>;
}

/** The study's crowd link: on or off, the completion code and address, and whether exports name participants. */
export function CrowdLinkForm({ slug, link, completionCode, completionUrl, exportParticipantIds, save }: Props) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(save, {});
  const [copied, setCopied] = useState(false);
  const errors = state.fieldErrors ?? {};
  return (
    <section aria-labelledby="crowd-heading" className="max-w-3xl space-y-3">
      <h2 id="crowd-heading" className="text-lg font-semibold">
        Crowd link
      </h2>
      <p className="text-sm text-slate-700">
        One link for a crowd platform (Prolific style): each participant it sends gets a rater identity of their own, with no password, for this
        study only. Once they have judged their quota (or all they can), they see the completion code, and are sent to the completion address if
        there is one.
      </p>
      {link && (
        <p className="text-sm">
          Give your platform this link: <code className="break-all">{link}</code>{" "}
          <button
            type="button"
            className="text-blue-700 underline"
            onClick={async () => {
              await navigator.clipboard.writeText(link);
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy link"}
          </button>
        </p>
      )}
      <form onSubmit={keepValuesOnSubmit(action)} className="space-y-3" aria-label="Crowd link settings">
        <input type="hidden" name="slug" value={slug} />
        <label className="flex items-center gap-2">
          <input type="checkbox" name="enabled" defaultChecked={link !== null} /> Crowd link on
        </label>
        <Field id="completion-code" label="Completion code" hint="What participants paste into the platform; needed while the link is on." error={errors.completionCode}>
          <input id="completion-code" name="completionCode" defaultValue={completionCode ?? ""} maxLength={100} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
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
          <ActionMessage error={state.error} done={state.saved ? "Crowd link saved." : undefined} />
        </div>
      </form>
    </section>
  );
}
