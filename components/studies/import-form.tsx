"use client";

import { useState } from "react";
import type { ImportReport } from "@/lib/importer/import-files";

type Outcome = ImportReport & { summary: string };

interface Chosen {
  file: File;
  system: string;
}

/** Uploads with XMLHttpRequest, the one browser API that reports upload progress. */
function upload(url: string, chosen: Chosen[], onProgress: (fraction: number) => void): Promise<Outcome> {
  const form = new FormData();
  for (const { file, system } of chosen) {
    form.append("file", file);
    form.append("system", system);
  }
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () =>
      request.status === 200 ? resolve(request.response as Outcome) : reject(new Error((request.response as { error?: string } | null)?.error ?? `The server answered ${request.status}.`));
    request.onerror = () => reject(new Error("The upload failed: check your connection and try again."));
    request.send(form);
  });
}

export function ImportForm({ slug, systems }: { slug: string; systems: string[] }) {
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const busy = progress !== null;

  async function send(preview: boolean) {
    setFailure(null);
    setOutcome(null);
    setProgress(0);
    try {
      setOutcome(await upload(`/api/studies/${slug}/import${preview ? "?preview=1" : ""}`, chosen, setProgress));
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setProgress(null);
    }
  }

  const previewed = outcome && !outcome.committed;
  const canImport = previewed && outcome.errorCount === 0;

  return (
    <div className="space-y-5">
      <div>
        <label htmlFor="files" className="block font-medium">
          Files (.jsonl or .csv)
        </label>
        <input
          id="files"
          type="file"
          multiple
          accept=".jsonl,.ndjson,.json,.csv"
          className="mt-1 block"
          onChange={(event) => {
            setChosen(Array.from(event.target.files ?? [], (file) => ({ file, system: "" })));
            setOutcome(null);
          }}
        />
      </div>
      {chosen.length > 0 && (
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-1 pr-3">File</th>
              <th scope="col" className="py-1">System, for a file of one system&apos;s responses</th>
            </tr>
          </thead>
          <tbody>
            {chosen.map(({ file, system }, i) => (
              <tr key={`${file.name}-${i}`} className="border-b">
                <td className="py-1 pr-3">{file.name}</td>
                <td className="py-1">
                  <input
                    aria-label={`System of ${file.name}`}
                    list="known-systems"
                    value={system}
                    placeholder="(the file says)"
                    className="w-full rounded border border-slate-400 px-2 py-1"
                    onChange={(event) => {
                      setChosen(chosen.map((c, j) => (j === i ? { ...c, system: event.target.value } : c)));
                      setOutcome(null);
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <datalist id="known-systems">
        {systems.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="flex gap-3">
        <button type="button" disabled={busy || chosen.length === 0} onClick={() => send(true)} className="rounded border border-slate-500 bg-white px-4 py-2 font-medium disabled:opacity-60">
          Preview
        </button>
        <button type="button" disabled={busy || !canImport} onClick={() => send(false)} className="rounded bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">
          Import
        </button>
      </div>
      {busy && (
        <div>
          <label htmlFor="upload-progress" className="text-sm">
            {progress < 1 ? "Uploading…" : "Checking…"}
          </label>
          <progress id="upload-progress" value={progress} max={1} className="block w-full" />
        </div>
      )}
      {failure && (
        <p role="alert" className="text-red-700">
          {failure}
        </p>
      )}
      {outcome && <ImportOutcome outcome={outcome} slug={slug} />}
    </div>
  );
}

function ImportOutcome({ outcome, slug }: { outcome: Outcome; slug: string }) {
  return (
    <section aria-label="Import result" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <p role="status" className={outcome.errorCount ? "font-medium text-red-800" : "font-medium"}>
        {outcome.summary}
      </p>
      {outcome.errorCount > 0 && (
        <table className="w-full text-sm">
          <caption className="text-left text-slate-700">
            {outcome.errorCount > outcome.errors.length ? `The first ${outcome.errors.length} of ${outcome.errorCount} errors` : "Errors"}
          </caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-1 pr-3">File</th>
              <th scope="col" className="py-1 pr-3">Line</th>
              <th scope="col" className="py-1 pr-3">Field</th>
              <th scope="col" className="py-1">Problem</th>
            </tr>
          </thead>
          <tbody>
            {outcome.errors.map((error, i) => (
              <tr key={i} className="border-b align-top">
                <td className="py-1 pr-3">{error.file}</td>
                <td className="py-1 pr-3">{error.line}</td>
                <td className="py-1 pr-3 font-mono">{error.field}</td>
                <td className="py-1">{error.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {outcome.selfNamingCount > 0 && (
        <table className="w-full text-sm">
          <caption className="text-left text-amber-900">
            Warning: {outcome.selfNamingCount} response{outcome.selfNamingCount === 1 ? " names" : "s name"} a model, its maker or a system of the study, which
            would tell raters who wrote {outcome.selfNamingCount === 1 ? "it" : "them"}. They are imported all the same; the study&apos;s page lists them and can hide
            the names from raters.
            {outcome.selfNamingCount > outcome.selfNaming.length ? ` The first ${outcome.selfNaming.length}:` : ""}
          </caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-1 pr-3">File</th>
              <th scope="col" className="py-1 pr-3">Line</th>
              <th scope="col" className="py-1">What it says</th>
            </tr>
          </thead>
          <tbody>
            {outcome.selfNaming.map((warning, i) => (
              <tr key={i} className="border-b align-top">
                <td className="py-1 pr-3">{warning.file}</td>
                <td className="py-1 pr-3">{warning.line}</td>
                <td className="py-1">{warning.phrase}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {outcome.missingCount > 0 && (
        <div>
          <p className="text-sm">{outcome.missingCount} prompts lack a response from some system, so they get fewer pairs:</p>
          <ul className="list-disc pl-6 text-sm">
            {outcome.missing.map((gap) => (
              <li key={gap.promptId}>
                prompt {gap.promptId}: no response from {gap.systems.join(", ")}
              </li>
            ))}
          </ul>
          {outcome.missingCount > outcome.missing.length && (
            <p className="text-sm">
              …and {outcome.missingCount - outcome.missing.length} more prompts.{" "}
              {outcome.committed ? (
                <a href={`/api/studies/${slug}/export/missing-responses`} download className="text-blue-700 underline">
                  Download every missing response (CSV)
                </a>
              ) : (
                "Once imported, the full list downloads from here."
              )}
            </p>
          )}
        </div>
      )}
      {outcome.committed && (
        <a href={`/studies/${slug}`} className="inline-block text-blue-700 underline">
          Go to the study
        </a>
      )}
    </section>
  );
}
