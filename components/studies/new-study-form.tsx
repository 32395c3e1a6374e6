"use client";

import { useActionState, useState } from "react";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { BothBadBox } from "@/components/studies/both-bad-box";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/form-state";
import { DEFAULT_KIND, KIND_NAMES, type KindName } from "@/lib/kinds/kind";
import { capitalised, KIND_VIEWS } from "@/lib/kinds/views";

const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

const slugFrom = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);

/** The new-study form; its heading, labels and the defaults it shows follow the kind chosen. */
export function NewStudyForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [kind, setKind] = useState<KindName>(DEFAULT_KIND);
  const wording = KIND_VIEWS[kind];
  const { one, many } = wording.item;
  // Follows the kind (on for pairwise studies) until the researcher sets it.
  const [promptOnceSet, setPromptOnceSet] = useState<boolean | null>(null);
  const pairs = comparesTwoAnswers(kind);
  const promptOnce = promptOnceSet ?? pairs;
  const errors = state.fieldErrors ?? {};
  const describedBy = (id: string, hint = false) => [hint && `${id}-hint`, errors[id] && `${id}-error`].filter(Boolean).join(" ") || undefined;

  return (
    <form action={formAction} className="space-y-5">
      <h1 className="text-xl font-semibold">{wording.heading}</h1>
      <Field id="title" label="Title" error={errors.title}>
        <input id="title" name="title" required className={input} aria-describedby={describedBy("title")} onChange={(e) => !slugEdited && setSlug(slugFrom(e.target.value))} />
      </Field>
      <Field id="slug" label="Slug" hint="The study's address: lower-case letters, digits and hyphens." error={errors.slug}>
        <input id="slug" name="slug" required value={slug} onChange={(e) => { setSlug(e.target.value); setSlugEdited(true); }} className={input} aria-describedby={describedBy("slug", true)} />
      </Field>
      <Field id="raterTitle" label="Title for raters" hint="What raters see the study called. Name no system here: raters must not learn which systems they compare." error={errors.raterTitle}>
        <input id="raterTitle" name="raterTitle" placeholder={wording.raterTitle} className={input} aria-describedby={describedBy("raterTitle", true)} />
      </Field>
      <Field id="description" label="Description" hint="For researchers; raters do not see it." error={errors.description}>
        <textarea id="description" name="description" rows={2} className={input} aria-describedby={describedBy("description", true)} />
      </Field>
      <Field id="instructions" label="Rater instructions (markdown)" hint={`Shown to raters before their first ${one}. Left empty, the paper's wording for this kind of study is used.`} error={errors.instructions}>
        <textarea id="instructions" name="instructions" rows={8} placeholder={wording.instructions} className={`${input} font-mono text-sm`} aria-describedby={describedBy("instructions", true)} />
      </Field>
      <Field id="target" label="Target system" hint="The system the study is about, e.g. LIMA." error={errors.target}>
        <input id="target" name="target" required className={input} aria-describedby={describedBy("target", true)} />
      </Field>
      <Field id="baselines" label="Baselines" hint="One per line. More are added by the response files you import." error={errors.baselines}>
        <textarea id="baselines" name="baselines" rows={4} className={input} aria-describedby={describedBy("baselines", true)} />
      </Field>
      <fieldset onChange={(e) => setKind((e.target as unknown as HTMLInputElement).value as KindName)}>
        <legend className="font-medium">What raters do</legend>
        {KIND_NAMES.map((name, index) => (
          <label key={name} className={`flex items-center gap-2 ${index === 0 ? "mt-1" : ""}`}>
            <input type="radio" name="kind" value={name} defaultChecked={name === DEFAULT_KIND} /> {KIND_VIEWS[name].choice}
          </label>
        ))}
      </fieldset>
      {wording.measure.shape === "scores" && (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 font-medium">Scale</legend>
          <Field id="scaleMin" label="Lowest score" hint="Not helpful at all." error={errors.scaleMin}>
            <input id="scaleMin" name="scaleMin" type="number" min={0} max={100} step={1} defaultValue={wording.measure.scale.min} className={input} aria-describedby={describedBy("scaleMin", true)} />
          </Field>
          <Field id="scaleMax" label="Highest score" hint="Highly helpful. The paper's scale is 1 to 6." error={errors.scaleMax}>
            <input id="scaleMax" name="scaleMax" type="number" min={1} max={100} step={1} defaultValue={wording.measure.scale.max} className={input} aria-describedby={describedBy("scaleMax", true)} />
          </Field>
        </fieldset>
      )}
      <fieldset hidden={!pairs}>
        <legend className="font-medium">Pairs</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="pairDesign" value="target_vs_baselines" defaultChecked /> The target against each baseline (the paper&apos;s design)
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="pairDesign" value="all_pairs" /> Every two systems (to rank them all)
        </label>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-medium">How raters work</legend>
        <Field id="judgmentsPerPair" label={`Raters per ${one} (k)`} hint={`How many different raters judge each ${one}.`} error={errors.judgmentsPerPair}>
          <input id="judgmentsPerPair" name="judgmentsPerPair" type="number" min={1} max={50} defaultValue={1} className={input} aria-describedby={describedBy("judgmentsPerPair", true)} />
        </Field>
        <Field id="leaseMinutes" label={`Minutes per ${one}`} hint={`Left longer than this, the ${one} goes back to other raters.`} error={errors.leaseMinutes}>
          <input id="leaseMinutes" name="leaseMinutes" type="number" min={1} max={1440} defaultValue={15} className={input} aria-describedby={describedBy("leaseMinutes", true)} />
        </Field>
        <Field id="rationaleMode" label="Ask raters why" error={errors.rationaleMode}>
          <select id="rationaleMode" name="rationaleMode" defaultValue="off" className={input}>
            <option value="off">No</option>
            <option value="optional">Optional</option>
            <option value="required">Required with every choice</option>
          </select>
        </Field>
        {/* Gold answers are verdicts, known for pairs only. */}
        {pairs && (
          <Field id="goldPercent" label={`Gold ${many}, % of each rater's ${many}`} hint={`Mark gold ${many} on a prompt's page; 0 for none.`} error={errors.goldPercent}>
            <input id="goldPercent" name="goldPercent" type="number" min={0} max={50} step={1} defaultValue={0} className={input} aria-describedby={describedBy("goldPercent", true)} />
          </Field>
        )}
        <Field id="quotaPerRater" label={`${capitalised(many)} per rater at most`} hint="Empty for no quota: each rater judges as many as there are." error={errors.quotaPerRater}>
          <input id="quotaPerRater" name="quotaPerRater" type="number" min={1} max={100000} step={1} className={input} aria-describedby={describedBy("quotaPerRater", true)} />
        </Field>
        <div className="sm:col-span-2">
          {/* Unticked, the box sends nothing: the hidden field says "off" for it. */}
          <input type="hidden" name="promptOncePerRater" value="off" />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="promptOncePerRater" value="on" checked={promptOnce} onChange={(e) => setPromptOnceSet(e.target.checked)} aria-describedby="promptOnce-hint" />{" "}
            A rater sees each prompt once (against one baseline only)
          </label>
          <p
            id="promptOnce-hint"
            aria-live="polite"
            className={promptOnce || !pairs ? "ml-6 text-sm text-slate-600" : "ml-6 mt-1 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900"}
          >
            {!pairs
              ? "Answers rated alone give nothing away by repeating; off, a rater may rate several answers to one prompt, as in the paper's ablation."
              : promptOnce
                ? "Recommended: it keeps the blind. A rater who met one prompt against several baselines would see the target's answer repeat, and so learn which side is the target."
                : "Off, a rater may meet the same prompt against several baselines. The target's answer is then the one text that repeats, so after a few pairs a rater can tell which side is the target, and the blind no longer holds for them."}
          </p>
        </div>
        {/* Only where raters compare two answers: a study of another kind sends no box at all. */}
        {pairs && (
          <div className="sm:col-span-2">
            <BothBadBox error={errors.offerBothBad} hint="Left empty, the instructions list it." />
          </div>
        )}
        <label className="flex items-center gap-2 sm:col-span-2">
          <input type="checkbox" name="openToAllRaters" /> Every rater account may judge (otherwise only the raters you let in, in its settings)
        </label>
      </fieldset>
      <fieldset>
        <legend className="font-medium">Prompts</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="prompts" value="lima-test-set" defaultChecked aria-describedby="lima-split" /> The LIMA test set (300 prompts, shipped with
          the app)
        </label>
        <p id="lima-split" className="ml-6 text-sm text-slate-600">
          Lines 1–230 get the source <code>author-written</code> and 231–300 <code>reddit-askreddit</code>: the likely split of the paper&apos;s 230
          author-written prompts and 70 Reddit titles, which the file itself does not label.
        </p>
        <label className="flex items-center gap-2">
          <input type="radio" name="prompts" value="own" /> My own prompts, imported next
        </label>
      </fieldset>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? "Creating…" : "Create study"}
      </button>
    </form>
  );
}
