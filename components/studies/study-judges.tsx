"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState, type FormEvent } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { Field } from "@/components/ui/field";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import type { FormAction, FormState, PlainFormAction } from "@/lib/actions/form-state";
import type { JudgeSummary } from "@/lib/judge/judges";

interface Props {
  slug: string;
  judges: JudgeSummary[];
  defaultPrompt: string;
  /** Done: the name of the judge added. */
  add: FormAction<string>;
  start: PlainFormAction;
  cancel: PlainFormAction;
}

const POLL_MS = 2_000;
const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

/** While a run is going, the page reads its stored progress again every two seconds. */
function useRefreshWhile(running: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, router]);
}

function RunButton({ slug, judge, action, label }: { slug: string; judge: JudgeSummary; action: PlainFormAction; label: string }) {
  return (
    <form action={action}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="judgeId" value={judge.id} />
      <button type="submit" className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100" aria-label={`${label} ${judge.name}`}>
        {label}
      </button>
    </form>
  );
}

interface ImportReport {
  committed?: boolean;
  verdicts?: number;
  judges?: string[];
  errors?: { line: number; field: string; reason: string }[];
  error?: string;
}

/** Verdicts of judges run elsewhere: one file, all of it or nothing, with each bad line named. */
function ImportVerdicts({ slug }: { slug: string }) {
  const router = useRouter();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const response = await fetch(`/api/studies/${slug}/judges/import`, { method: "POST", body: new FormData(event.currentTarget) }).catch(() => null);
    const body: ImportReport = response ? await response.json().catch(() => ({ error: `The server answered ${response.status}.` })) : { error: "The server could not be reached." };
    setReport(body);
    setPending(false);
    if (body.committed) router.refresh();
  }
  return (
    <form onSubmit={submit} className="space-y-2 rounded border border-slate-200 p-3" aria-label="Import judge verdicts">
      <h3 className="font-medium">Import verdicts from elsewhere</h3>
      <p className="text-sm text-slate-700">
        CSV or JSONL, one verdict a line: <code>judge</code>; <code>pair_id</code>, or <code>prompt_id</code> and <code>baseline</code>;{" "}
        <code>target_side</code> (left if the target was answer A, right if B); and <code>verdict</code> (win, tie or loss for the target) or{" "}
        <code>choice</code> (A, B or neither, as shown); optionally <code>answer</code>.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="judge-verdicts-file" className="text-sm font-medium">
          Verdicts file
        </label>
        <input id="judge-verdicts-file" name="file" type="file" accept=".csv,.jsonl,.ndjson" required className="text-sm" />
        <button type="submit" disabled={pending} className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60">
          Import verdicts
        </button>
      </div>
      {report?.committed && (
        <p role="status" className="text-sm text-green-800">
          Imported {report.verdicts} verdicts of {report.judges?.join(", ")}.
        </p>
      )}
      {report?.error && <p role="alert" className="text-sm text-red-800">{report.error}</p>}
      {report?.errors && report.errors.length > 0 && (
        <div role="alert" className="text-sm text-red-800">
          <p>Nothing was imported: fix these lines and import the file again.</p>
          <ul className="list-disc pl-5">
            {report.errors.map((error, i) => (
              <li key={i}>
                Line {error.line}, {error.field}: {error.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

/** A study's LLM judges: added with their endpoint (the key is never shown again), run, followed, cancelled. */
export function StudyJudges({ slug, judges, defaultPrompt, add, start, cancel }: Props) {
  const [state, action, pending] = useActionState<FormState<string>, FormData>(add, {});
  const errors = state.fieldErrors ?? {};
  useRefreshWhile(judges.some((judge) => judge.run?.status === "running"));
  return (
    <section aria-labelledby="judges-heading" className="max-w-3xl space-y-3">
      <h2 id="judges-heading" className="text-lg font-semibold">
        LLM judges
      </h2>
      <p className="text-sm text-slate-700">
        A judge answers every pair twice, with the target shown first and then second, through an OpenAI-compatible chat-completions endpoint. Its
        verdicts are kept apart from the raters&apos; and shown beside them on the study&apos;s page.
      </p>
      {judges.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-1 pr-3">Judge</th>
              <th className="py-1 pr-3">Answers</th>
              <th className="py-1 pr-3">Last run</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody>
            {judges.map((judge) => (
              <tr key={judge.id} className="border-b border-slate-100 align-top">
                <td className="py-1 pr-3">
                  <span className="font-medium">{judge.name}</span>
                  <br />
                  <span className="text-slate-600">
                    {judge.baseUrl ? `${judge.model} at ${judge.baseUrl}, ${judge.concurrency} at a time` : "verdicts imported"}
                  </span>
                </td>
                <td className="py-1 pr-3">
                  <span role="status" aria-label={`Progress of ${judge.name}`}>
                    {judge.answered} of {judge.items}
                  </span>
                  {judge.unparseable > 0 && <span className="block text-amber-800">{judge.unparseable} unreadable</span>}
                  {judge.failed > 0 && <span className="block text-red-800">{judge.failed} failed calls</span>}
                </td>
                <td className="py-1 pr-3">
                  {judge.run ? (
                    <>
                      {judge.run.status}; {judge.run.calls} calls, {judge.run.promptTokens + judge.run.completionTokens} tokens
                      {judge.run.error && <span className="block text-red-800">{judge.run.error}</span>}
                    </>
                  ) : (
                    "never run"
                  )}
                </td>
                <td className="py-1">
                  {judge.run?.status === "running" ? (
                    <RunButton slug={slug} judge={judge} action={cancel} label="Cancel" />
                  ) : (
                    judge.baseUrl && judge.answered < judge.items && <RunButton slug={slug} judge={judge} action={start} label={judge.answered ? "Resume" : "Run"} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ImportVerdicts slug={slug} />
      <form onSubmit={keepValuesOnSubmit(action)} className="grid gap-3 sm:grid-cols-2" aria-label="New LLM judge">
        <input type="hidden" name="slug" value={slug} />
        <Field id="judge-name" label="Name" hint="As the results show it, e.g. GPT-4 as judge." error={errors.name}>
          <input id="judge-name" name="name" required maxLength={100} className={input} />
        </Field>
        <Field id="judge-model" label="Model" error={errors.model}>
          <input id="judge-model" name="model" required className={input} />
        </Field>
        <Field id="judge-base-url" label="Endpoint base URL" hint="…/v1; /chat/completions is added." error={errors.baseUrl}>
          <input id="judge-base-url" name="baseUrl" type="url" required placeholder="https://api.openai.com/v1" className={input} />
        </Field>
        <Field id="judge-api-key" label="API key" hint="Kept on the server; never shown again or exported." error={errors.apiKey}>
          <input id="judge-api-key" name="apiKey" type="password" required autoComplete="off" className={input} />
        </Field>
        <div className="sm:col-span-2">
          <Field id="judge-prompt" label="Prompt" hint="{instructions}, {prompt}, {answer_a} and {answer_b} are filled in for each pair." error={errors.prompt}>
            <textarea id="judge-prompt" name="prompt" rows={10} defaultValue={defaultPrompt} className={`${input} font-mono text-sm`} />
          </Field>
        </div>
        <Field id="judge-temperature" label="Temperature (optional)" error={errors.temperature}>
          <input id="judge-temperature" name="temperature" type="number" step="0.1" min={0} max={2} defaultValue={0} className={input} />
        </Field>
        <Field id="judge-top-p" label="Top p (optional)" error={errors.topP}>
          <input id="judge-top-p" name="topP" type="number" step="0.05" min={0} max={1} className={input} />
        </Field>
        <Field id="judge-max-tokens" label="Most tokens per answer (optional)" error={errors.maxTokens}>
          <input id="judge-max-tokens" name="maxTokens" type="number" min={1} className={input} />
        </Field>
        <Field id="judge-concurrency" label="Calls at a time" error={errors.concurrency}>
          <input id="judge-concurrency" name="concurrency" type="number" min={1} max={32} defaultValue={4} className={input} />
        </Field>
        <div className="sm:col-span-2 flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
            Add the judge
          </button>
          <ActionMessage error={state.error} done={state.value ? `${state.value} added: run it from the list.` : undefined} />
        </div>
      </form>
    </section>
  );
}
