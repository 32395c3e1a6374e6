"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, type FormEvent, type MouseEvent } from "react";
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
  /** A run that asks every pair afresh, the earlier answers kept in the history. */
  runAgain: PlainFormAction;
  cancel: PlainFormAction;
  /** Done: the judge's name, and what was saved in `message`. */
  edit: FormAction<string>;
  /** Deletes a judge: `answers` keep (retired) or delete. */
  remove: PlainFormAction;
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

/** A button's submit, asked first: cancelled unless the person confirms. */
const askFirst = (question: string) => (event: MouseEvent<HTMLButtonElement>) => {
  if (!window.confirm(question)) event.preventDefault();
};

function RunButton({ slug, judge, action, label, confirm }: { slug: string; judge: JudgeSummary; action: PlainFormAction; label: string; confirm?: string }) {
  return (
    <form action={action}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="judgeId" value={judge.id} />
      <button
        type="submit"
        onClick={confirm ? askFirst(confirm) : undefined}
        className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100"
        aria-label={`${label} ${judge.name}`}
      >
        {label}
      </button>
    </form>
  );
}

const verdictsCsv = (slug: string, judge: JudgeSummary) => `/api/studies/${slug}/export/judge-verdicts?judge=${judge.id}`;

/**
 * A judge's settings, changed: its name and, for one that calls an endpoint, the endpoint, model,
 * prompt and sampling. The key is never shown: a new one replaces it, an empty field keeps it.
 */
function EditJudge({ slug, judge, running, edit }: { slug: string; judge: JudgeSummary; running: boolean; edit: FormAction<string> }) {
  const [state, action, pending] = useActionState<FormState<string>, FormData>(edit, {});
  const errors = state.fieldErrors ?? {};
  const apiKey = useRef<HTMLInputElement>(null);
  // A key saved is not left in the page.
  useEffect(() => {
    if (state.ok && apiKey.current) apiKey.current.value = "";
  }, [state]);
  const id = (field: string) => `judge-${judge.id}-${field}`;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid gap-3 sm:grid-cols-2" aria-label={`Change ${judge.name}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="judgeId" value={judge.id} />
      <Field id={id("name")} label="Name" error={errors.name}>
        <input id={id("name")} name="name" required maxLength={100} defaultValue={judge.name} className={input} />
      </Field>
      {judge.baseUrl && (
        <>
          <Field id={id("model")} label="Model" error={errors.model}>
            <input id={id("model")} name="model" required defaultValue={judge.model ?? ""} className={input} />
          </Field>
          <Field id={id("base-url")} label="Endpoint base URL" hint="…/v1; /chat/completions is added." error={errors.baseUrl}>
            <input id={id("base-url")} name="baseUrl" type="url" required defaultValue={judge.baseUrl} className={input} />
          </Field>
          <Field id={id("api-key")} label="New API key (optional)" hint="Empty keeps the key it has, which is never shown." error={errors.apiKey}>
            <input id={id("api-key")} ref={apiKey} name="apiKey" type="password" autoComplete="off" className={input} />
          </Field>
          <div className="sm:col-span-2">
            <Field id={id("prompt")} label="Prompt" hint="{instructions}, {prompt}, {answer_a} and {answer_b} are filled in for each pair." error={errors.prompt}>
              <textarea id={id("prompt")} name="prompt" rows={8} defaultValue={judge.prompt ?? ""} className={`${input} font-mono text-sm`} />
            </Field>
          </div>
          <Field id={id("temperature")} label="Temperature (optional)" error={errors.temperature}>
            <input id={id("temperature")} name="temperature" type="number" step="0.1" min={0} max={2} defaultValue={judge.temperature ?? ""} className={input} />
          </Field>
          <Field id={id("top-p")} label="Top p (optional)" error={errors.topP}>
            <input id={id("top-p")} name="topP" type="number" step="0.05" min={0} max={1} defaultValue={judge.topP ?? ""} className={input} />
          </Field>
          <Field id={id("max-tokens")} label="Most tokens per answer (optional)" error={errors.maxTokens}>
            <input id={id("max-tokens")} name="maxTokens" type="number" min={1} defaultValue={judge.maxTokens ?? ""} className={input} />
          </Field>
          <Field id={id("concurrency")} label="Calls at a time" error={errors.concurrency}>
            <input id={id("concurrency")} name="concurrency" type="number" min={1} max={32} defaultValue={judge.concurrency} className={input} />
          </Field>
        </>
      )}
      <div className="sm:col-span-2 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending || running} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          Save changes
        </button>
        <ActionMessage error={state.error} done={state.ok ? state.message : undefined} />
      </div>
    </form>
  );
}

/** Deleting a judge, asked first: its answers kept in the history (the judge retired) or deleted with it. */
function DeleteJudge({ slug, judge, running, remove }: { slug: string; judge: JudgeSummary; running: boolean; remove: PlainFormAction }) {
  const ask = (event: MouseEvent<HTMLButtonElement>) => {
    const keep = new FormData(event.currentTarget.form!).get("answers") !== "delete";
    askFirst(
      keep
        ? `Delete ${judge.name}? It leaves the study's page and its figures; its ${judge.stored} answers stay in its verdicts download and the bundle, marked.`
        : `Delete ${judge.name} and its ${judge.stored} answers? This cannot be undone.`,
    )(event);
  };
  return (
    <form action={remove} className="space-y-2" aria-label={`Delete ${judge.name}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="judgeId" value={judge.id} />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">Delete the judge</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="answers" value="keep" defaultChecked className="mt-1" />
          <span>Keep its answers in the history: it leaves the study&apos;s page, its figures and the run controls; its verdicts download and the bundle keep them, marked.</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="answers" value="delete" className="mt-1" />
          <span>Delete its answers with it.</span>
        </label>
      </fieldset>
      <button type="submit" disabled={running} onClick={ask} className="rounded border border-red-700 px-3 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60">
        Delete {judge.name}
      </button>
    </form>
  );
}

/** What can be done to a judge besides running it, folded away under its name. */
function ChangeJudge({ slug, judge, edit, remove }: { slug: string; judge: JudgeSummary; edit: FormAction<string>; remove: PlainFormAction }) {
  const running = judge.run?.status === "running";
  return (
    <details className="rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium">Change or delete {judge.name}</summary>
      <div className="mt-3 space-y-4">
        {running && <p className="text-sm text-amber-800">It is running: cancel its run, or wait for it to finish, to change or delete it.</p>}
        <EditJudge slug={slug} judge={judge} running={running} edit={edit} />
        <DeleteJudge slug={slug} judge={judge} running={running} remove={remove} />
      </div>
    </details>
  );
}

/** Judges deleted with their answers kept: listed for their downloads, and to delete the answers for good. */
function RetiredJudges({ slug, judges, remove }: { slug: string; judges: JudgeSummary[]; remove: PlainFormAction }) {
  return (
    <section aria-labelledby="retired-judges-heading" className="space-y-2">
      <h3 id="retired-judges-heading" className="font-medium">
        Deleted judges, their answers kept
      </h3>
      <p className="text-sm text-slate-700">In no figure and not on the study&apos;s page; their answers stay in their downloads and the bundle, marked retired.</p>
      <ul className="space-y-1 text-sm">
        {judges.map((judge) => (
          <li key={judge.id} className="flex flex-wrap items-center gap-3">
            <span>
              <span className="font-medium">{judge.name}</span> ({judge.model ?? "verdicts imported"}), {judge.stored} answers
            </span>
            <a href={verdictsCsv(slug, judge)} download className="text-blue-700 underline">
              {judge.name}: every answer (CSV)
            </a>
            <form action={remove}>
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="judgeId" value={judge.id} />
              <input type="hidden" name="answers" value="delete" />
              <button
                type="submit"
                onClick={askFirst(`Delete the ${judge.stored} answers of ${judge.name} for good? This cannot be undone.`)}
                className="rounded border border-red-700 px-2 py-0.5 text-red-800 hover:bg-red-50"
                aria-label={`Delete the answers of ${judge.name}`}
              >
                Delete its answers
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
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

/**
 * A study's LLM judges: added with their endpoint (the key is never shown again), run, followed,
 * cancelled, run again, changed and deleted; deleted ones whose answers were kept listed apart.
 */
export function StudyJudges({ slug, judges: all, defaultPrompt, add, start, runAgain, cancel, edit, remove }: Props) {
  const [state, action, pending] = useActionState<FormState<string>, FormData>(add, {});
  const errors = state.fieldErrors ?? {};
  const judges = all.filter((judge) => !judge.retiredAt);
  const retired = all.filter((judge) => judge.retiredAt);
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
                  {judge.superseded > 0 && <span className="block text-slate-600">{judge.superseded} earlier answers in the history</span>}
                  <a href={verdictsCsv(slug, judge)} download className="block text-blue-700 underline" aria-label={`${judge.name}: every answer (CSV)`}>
                    CSV
                  </a>
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
                <td className="space-y-1 py-1">
                  {judge.run?.status === "running" ? (
                    <RunButton slug={slug} judge={judge} action={cancel} label="Cancel" />
                  ) : (
                    judge.baseUrl && (
                      <>
                        {judge.answered < judge.items && <RunButton slug={slug} judge={judge} action={start} label={judge.answered ? "Resume" : "Run"} />}
                        {(judge.run || judge.stored > 0) && (
                          <RunButton
                            slug={slug}
                            judge={judge}
                            action={runAgain}
                            label="Run again"
                            confirm={`Run ${judge.name} again? It asks all ${judge.items} pairs and orders afresh; its current answers leave the figures and stay in its verdicts download, marked superseded.`}
                          />
                        )}
                      </>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {judges.map((judge) => (
        <ChangeJudge key={judge.id} slug={slug} judge={judge} edit={edit} remove={remove} />
      ))}
      {retired.length > 0 && <RetiredJudges slug={slug} judges={retired} remove={remove} />}
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
