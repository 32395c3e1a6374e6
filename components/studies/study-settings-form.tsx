"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { Field } from "@/components/ui/field";
import { BothBadBox } from "@/components/studies/both-bad-box";
import type { FormAction, FormState } from "@/lib/actions/form-state";
import type { StudySettings } from "@/lib/validation/study";
import type { KindName } from "@/lib/kinds";
import { KIND_VIEWS } from "@/lib/kinds/views";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";

const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

/** The settings a study may change after it is made; the server says why a change is refused. */
export function StudySettingsForm({ slug, kind, settings, baselines, save }: { slug: string; kind: KindName; settings: StudySettings; baselines: string[]; save: FormAction }) {
  const { one, many } = KIND_VIEWS[kind].item;
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="max-w-2xl space-y-5">
      <input type="hidden" name="slug" value={slug} />
      <Field id="raterTitle" label="Title for raters" hint="Name no system here." error={errors.raterTitle}>
        <input id="raterTitle" name="raterTitle" defaultValue={settings.raterTitle} className={input} />
      </Field>
      <Field id="instructions" label="Rater instructions (markdown)" error={errors.instructions}>
        <textarea id="instructions" name="instructions" rows={6} defaultValue={settings.instructions} className={input} />
      </Field>
      <Field id="judgmentsPerPair" label={`Raters per ${one} (k)`} hint={`It can grow at any time; it cannot drop below what a ${one} already holds.`} error={errors.judgmentsPerPair}>
        <input id="judgmentsPerPair" name="judgmentsPerPair" type="number" min={1} max={50} defaultValue={settings.judgmentsPerPair} className={input} />
      </Field>
      <Field id="leaseMinutes" label="Lease (minutes)" hint={`How long a rater may keep a ${one} before it returns to the pool.`} error={errors.leaseMinutes}>
        <input id="leaseMinutes" name="leaseMinutes" type="number" min={1} max={1440} defaultValue={settings.leaseMinutes} className={input} />
      </Field>
      <Field id="rationaleMode" label="Rationale" hint="Applies to judgments from now on." error={errors.rationaleMode}>
        <select id="rationaleMode" name="rationaleMode" defaultValue={settings.rationaleMode} className={input}>
          <option value="off">Off</option>
          <option value="optional">Optional</option>
          <option value="required">Required</option>
        </select>
      </Field>
      {/* Gold answers are verdicts, known for pairs only. */}
      {comparesTwoAnswers(kind) && (
        <Field id="goldPercent" label={`Gold ${many} (% of each rater's ${many})`} error={errors.goldPercent}>
          <input id="goldPercent" name="goldPercent" type="number" min={0} max={50} step="0.1" defaultValue={settings.goldPercent} className={input} />
        </Field>
      )}
      {baselines.length > 0 && (
        <fieldset aria-describedby="activeBaselines-hint">
          <legend className="font-medium">Active baselines</legend>
          <p id="activeBaselines-hint" className="text-sm text-slate-700">
            Raters get pairs only with these; the others&apos; pairs wait, and their judgments keep counting.
          </p>
          {baselines.map((name) => (
            <label key={name} className="mt-1 flex items-center gap-2">
              <input type="checkbox" name="activeBaselines" value={name} defaultChecked={settings.activeBaselines.includes(name)} /> {name}
            </label>
          ))}
          {errors.activeBaselines && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {errors.activeBaselines}
            </p>
          )}
        </fieldset>
      )}
      {comparesTwoAnswers(kind) && <BothBadBox checked={settings.offerBothBad} error={errors.offerBothBad} hint="Applies to judgments from now on; those made with it stay. Say so in the instructions if they list the options." />}
      <label className="flex items-center gap-2">
        <input type="checkbox" name="openToAllRaters" defaultChecked={settings.openToAllRaters} /> Every rater account may judge this study
        (otherwise only the raters let in below)
      </label>
      <Field id="quotaPerRater" label="Pairs per rater at most (empty: no quota)" error={errors.quotaPerRater}>
        <input id="quotaPerRater" name="quotaPerRater" type="number" min={1} max={100000} step="1" defaultValue={settings.quotaPerRater ?? ""} className={input} />
      </Field>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        Save settings
      </button>
      <ActionMessage error={state.error} done={state.ok ? "Saved. The study's history records what changed." : undefined} />
    </form>
  );
}
