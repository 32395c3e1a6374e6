"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { Field } from "@/components/ui/field";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import type { FormAction, FormState } from "@/lib/actions/form-state";

interface Props {
  slug: string;
  consentText: string;
  trainingItems: number;
  attentionAfter: number | null;
  attentionMinAccuracy: number | null;
  /** The study's gold pairs, which training and the checks draw on; null where the study can have none. */
  goldPairs: number | null;
  save: FormAction;
}

const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

/** Before a rater's first item (consent, a training round) and beside their items (attention checks). */
export function RaterStepsForm({ slug, consentText, trainingItems, attentionAfter, attentionMinAccuracy, goldPairs, save }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  const errors = state.fieldErrors ?? {};
  return (
    <section aria-labelledby="steps-heading" className="max-w-3xl space-y-3">
      <h2 id="steps-heading" className="text-lg font-semibold">
        Consent, training and attention checks
      </h2>
      <p className="text-sm text-slate-700">
        For every rater of the study, invited or from the crowd link. Training pairs and attention checks are gold pairs (set on the prompts&apos; pages):
        training answers are never judgments, and a rater below the attention checks&apos; accuracy is stopped, shown the screen-out code and left out
        of the figures until you include them again on the review page.
        {goldPairs !== null && ` This study has ${goldPairs} gold pair${goldPairs === 1 ? "" : "s"}`}
        {goldPairs !== null && (trainingItems > 0 ? `; training takes ${Math.min(trainingItems, goldPairs)}, leaving ${Math.max(0, goldPairs - trainingItems)} for each rater's checks.` : ".")}
      </p>
      <form onSubmit={keepValuesOnSubmit(action)} className="space-y-3" aria-label="Consent, training and attention checks">
        <input type="hidden" name="slug" value={slug} />
        <Field id="consent-text" label="Consent page (Markdown, optional)" hint="Shown before the first item, to agree to or leave. Empty for none." error={errors.consentText}>
          <textarea id="consent-text" name="consentText" rows={5} defaultValue={consentText} className={input} />
        </Field>
        {goldPairs !== null && (
          <>
            <Field id="training-items" label="Training pairs" hint="Gold pairs each rater answers first, told after each whether they were right. 0 for none." error={errors.trainingItems}>
              <input id="training-items" name="trainingItems" type="number" min={0} max={50} step={1} defaultValue={trainingItems} className={input} />
            </Field>
            <Field id="attention-after" label="Attention checks: after this many gold pairs" hint="Empty for no checks." error={errors.attentionAfter}>
              <input id="attention-after" name="attentionAfter" type="number" min={1} step={1} defaultValue={attentionAfter ?? ""} className={input} />
            </Field>
            <Field id="attention-min" label="Attention checks: least accuracy (%)" hint="A rater whose gold answers fall below it is stopped." error={errors.attentionMinPercent}>
              <input
                id="attention-min"
                name="attentionMinPercent"
                type="number"
                min={1}
                max={100}
                step="any"
                defaultValue={attentionMinAccuracy === null ? "" : Math.round(attentionMinAccuracy * 1000) / 10}
                className={input}
              />
            </Field>
          </>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
            Save these steps
          </button>
          <ActionMessage error={state.error} done={state.ok ? "Saved." : undefined} />
        </div>
      </form>
    </section>
  );
}
