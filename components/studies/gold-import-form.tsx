"use client";

import { useState } from "react";
import type { GoldImportReport } from "@/lib/studies/gold-import";

/** Gold answers in bulk: a CSV (or JSON lines) of prompt_id, baseline and verdict, all or nothing. */
export function GoldImportForm({ slug }: { slug: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<GoldImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function send() {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setReport(null);
    const form = new FormData();
    form.append("file", file);
    try {
      const response = await fetch(`/api/studies/${slug}/gold`, { method: "POST", body: form });
      const body = (await response.json().catch(() => null)) as (GoldImportReport & { error?: string }) | null;
      if (!response.ok || !body) setFailure(body?.error ?? `The server answered ${response.status}.`);
      else setReport(body);
    } catch {
      setFailure("The upload failed: check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="gold-import" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="gold-import" className="text-base font-semibold">
        Gold pairs in bulk
      </h2>
      <p className="text-slate-700">
        A CSV with the columns <code>prompt_id</code>, <code>baseline</code> and <code>verdict</code> (win, tie or loss: the target&apos;s result;
        none unmarks the pair). Only pairs no rater has been given can become gold or stop being gold; a file with any error changes nothing.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2">
          <span className="font-medium">Gold file</span>
          <input type="file" accept=".csv,.jsonl" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        </label>
        <button type="button" disabled={!file || busy} onClick={send} className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-50">
          Set gold answers
        </button>
      </div>
      {failure && <p role="alert" className="text-red-800">{failure}</p>}
      {report?.committed && (
        <p role="status">
          Gold answers set on {report.set} {report.set === 1 ? "pair" : "pairs"}, {report.cleared} unmarked.
        </p>
      )}
      {report && !report.committed && (
        <div role="alert" className="text-red-800">
          <p>Nothing was changed:</p>
          <ul className="list-disc pl-6">
            {report.errors.map((error) => (
              <li key={`${error.line}-${error.field}-${error.reason}`}>
                line {error.line}, {error.field}: {error.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
