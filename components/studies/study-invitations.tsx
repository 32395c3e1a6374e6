"use client";

import { useActionState, useState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { Field } from "@/components/ui/field";
import type { FormAction, FormState, PlainFormAction } from "@/lib/actions/form-state";

export interface InvitationRow {
  id: string;
  link: string;
  label: string | null;
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
  state: "usable" | "expired" | "used up" | "withdrawn";
}

interface Props {
  slug: string;
  invitations: InvitationRow[];
  create: FormAction;
  withdraw: PlainFormAction;
}

function CopyButton({ link, name }: { link: string; name: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="text-sm text-blue-700 underline"
      aria-label={`Copy the link of ${name}`}
      onClick={async () => {
        await navigator.clipboard.writeText(link);
        setCopied(true);
      }}
    >
      {copied ? "Copied" : "Copy link"}
    </button>
  );
}

/** Invitation links of a study: made with a cap and an expiry, listed with their use, withdrawn. */
export function StudyInvitations({ slug, invitations, create, withdraw }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(create, {});
  const errors = state.fieldErrors ?? {};
  return (
    <section aria-labelledby="invitations-heading" className="max-w-3xl space-y-3">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Invitations
      </h2>
      <p className="text-sm text-slate-700">
        Whoever opens an invitation link signs up as a rater (or joins with their rater account) and is let into this study.
      </p>
      {invitations.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-1 pr-3">For</th>
              <th className="py-1 pr-3">Link</th>
              <th className="py-1 pr-3">Joined</th>
              <th className="py-1 pr-3">Expires (UTC)</th>
              <th className="py-1 pr-3">State</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => {
              const name = invitation.label ?? "this invitation";
              return (
                <tr key={invitation.id} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-3">{invitation.label ?? "—"}</td>
                  <td className="py-1 pr-3">
                    <code className="break-all">{invitation.link}</code> <CopyButton link={invitation.link} name={name} />
                  </td>
                  <td className="py-1 pr-3">
                    {invitation.uses} of {invitation.maxUses ?? "no cap"}
                  </td>
                  <td className="py-1 pr-3">{invitation.expiresAt ? invitation.expiresAt.slice(0, 16).replace("T", " ") : "never"}</td>
                  <td className="py-1 pr-3">{invitation.state}</td>
                  <td className="py-1">
                    {invitation.state !== "withdrawn" && (
                      <form action={withdraw}>
                        <input type="hidden" name="slug" value={slug} />
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" className="text-sm text-red-800 underline" aria-label={`Withdraw ${name}`}>
                          Withdraw
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form action={action} className="grid gap-3 sm:grid-cols-3" aria-label="New invitation">
        <input type="hidden" name="slug" value={slug} />
        <Field id="invitation-label" label="For (optional)" error={errors.label}>
          <input id="invitation-label" name="label" maxLength={100} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <Field id="invitation-max-uses" label="How many may join" hint="Empty: no cap." error={errors.maxUses}>
          <input id="invitation-max-uses" name="maxUses" type="number" min={1} defaultValue={1} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <Field id="invitation-expires" label="Works until (optional)" hint="To the end of that day, UTC." error={errors.expiresOn}>
          <input id="invitation-expires" name="expiresOn" type="date" className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </Field>
        <div className="sm:col-span-3 flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
            Make an invitation link
          </button>
          <ActionMessage error={state.error} done={state.ok ? "Invitation made: copy its link from the list." : undefined} />
        </div>
      </form>
    </section>
  );
}
