import type { Metadata } from "next";
import { studyPageFor } from "@/lib/studies/study-page";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/ui/markdown";
import { promptWithResponses } from "@/lib/studies/browse-prompts";
import { pairsOfPrompt } from "@/lib/studies/gold-pairs";
import { GoldPairForm } from "@/components/studies/gold-pair-form";
import { setGoldAction } from "./actions";

export const metadata: Metadata = { title: "Prompt" };

const box = "rounded-lg border border-slate-200 bg-white p-4";
const label = "mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600";

export default async function PromptPage({ params }: { params: Promise<{ slug: string; promptId: string }> }) {
  const { slug, promptId } = await params;
  const { study } = await studyPageFor(slug);
  const found = await promptWithResponses(study.id, promptId);
  if (!found) notFound();
  const { prompt, responses, missingSystems } = found;
  const pairs = await pairsOfPrompt(study.id, promptId);

  return (
    <div className="space-y-6">
      <nav aria-label="Prompts" className="flex flex-wrap gap-4 text-sm">
        <Link href={`/studies/${slug}/prompts`} className="text-blue-700 underline">
          ← All prompts of {study.title}
        </Link>
        {found.previousId && (
          <Link href={`/studies/${slug}/prompts/${found.previousId}`} rel="prev" className="text-blue-700 underline">
            Previous prompt
          </Link>
        )}
        {found.nextId && (
          <Link href={`/studies/${slug}/prompts/${found.nextId}`} rel="next" className="text-blue-700 underline">
            Next prompt
          </Link>
        )}
      </nav>
      <div>
        <h1 className="text-xl font-semibold">Prompt {prompt.externalId}</h1>
        <p className="mt-1 text-sm text-slate-700">
          Source: {prompt.source ?? "none"} · Tags: {prompt.tags.length ? prompt.tags.join(", ") : "none"}
        </p>
      </div>

      {prompt.history.length > 0 && (
        <section aria-labelledby="history" className="space-y-3">
          <h2 id="history" className="text-lg font-semibold">
            Earlier turns
          </h2>
          <ol className="space-y-3">
            {prompt.history.map((turn, i) => (
              <li key={i} className={box}>
                <h3 className={label}>{turn.role === "user" ? "User" : "Assistant"}</h3>
                <Markdown>{turn.content}</Markdown>
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="prompt" className={box}>
        <h2 id="prompt" className={label}>
          Prompt
        </h2>
        <Markdown>{prompt.text}</Markdown>
      </section>

      <section aria-labelledby="responses" className="space-y-3">
        <h2 id="responses" className="text-lg font-semibold">
          Responses
        </h2>
        {missingSystems.length > 0 && (
          <p role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            No response to this prompt from {missingSystems.join(", ")}.
          </p>
        )}
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {responses.map((response, i) => (
            // min-w-0 lets a wide table or code block scroll inside its column instead of widening the grid.
            <article key={response.system} aria-labelledby={`system-${i}`} className={`min-w-0 ${box}`}>
              <h3 className="mb-2 flex flex-wrap items-center gap-2 font-semibold">
                <span id={`system-${i}`}>{response.system}</span>
                {response.isTarget && <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs font-medium text-blue-800">target</span>}
              </h3>
              <Markdown>{response.text}</Markdown>
            </article>
          ))}
        </div>
      </section>

      {pairs.length > 0 && (
        <section aria-labelledby="gold" className={`space-y-2 ${box}`}>
          <h2 id="gold" className="text-lg font-semibold">
            Gold pairs
          </h2>
          <p className="text-sm text-slate-700">
            A pair with a known right answer checks raters: it is mixed in at the study&apos;s gold rate, looks like any other pair, and each
            rater&apos;s answers on it are scored. Only pairs no rater has been given can become gold.
          </p>
          {pairs.map((pair) => (
            <GoldPairForm key={pair.id} slug={slug} pair={pair} action={setGoldAction} />
          ))}
        </section>
      )}
    </div>
  );
}
