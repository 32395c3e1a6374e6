import { GoldImportForm } from "@/components/studies/gold-import-form";
import { studyPageFor } from "@/lib/studies/study-page";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { listPrompts, promptQuerySchema } from "@/lib/studies/browse-prompts";

export const metadata: Metadata = { title: "Prompts" };

const field = "rounded border border-slate-400 bg-white px-2 py-1.5";
const pageLink = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100";

export default async function PromptsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { study } = await studyPageFor(slug);
  const query = promptQuerySchema.parse(await searchParams);
  const list = await listPrompts(study.id, query);

  const base = `/studies/${slug}/prompts`;
  // Paging keeps the filters the list was made with.
  const pageHref = (page: number) => {
    const kept = new URLSearchParams();
    for (const key of ["q", "source", "tag"] as const) {
      const value = query[key];
      if (value) kept.set(key, value);
    }
    kept.set("page", String(page));
    return `${base}?${kept}`;
  };

  return (
    <div className="space-y-4">
      <Link href={`/studies/${slug}`} className="text-sm text-blue-700 underline">
        ← {study.title}
      </Link>
      <h1 className="text-xl font-semibold">Prompts</h1>
      {comparesTwoAnswers(study.kind) && study.status !== "closed" && <GoldImportForm slug={slug} />}

      <Form action={base} role="search" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex min-w-60 flex-1 flex-col gap-1">
          <label htmlFor="q" className="text-sm font-medium">
            Search prompts
          </label>
          <input id="q" name="q" type="search" maxLength={200} defaultValue={query.q} className={field} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="source" className="text-sm font-medium">
            Source
          </label>
          <select id="source" name="source" defaultValue={query.source ?? ""} className={field}>
            <option value="">All sources</option>
            {list.sources.map((source) => (
              <option key={source}>{source}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="tag" className="text-sm font-medium">
            Tag
          </label>
          <select id="tag" name="tag" defaultValue={query.tag ?? ""} className={field}>
            <option value="">All tags</option>
            {list.tags.map((tag) => (
              <option key={tag}>{tag}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
          Filter
        </button>
      </Form>

      <p role="status" className="text-sm text-slate-700">
        {list.total} {list.total === 1 ? "prompt" : "prompts"}
      </p>

      {list.prompts.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Prompts of {study.title}</caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Id
                </th>
                <th scope="col" className="px-3 py-2">
                  Prompt
                </th>
                <th scope="col" className="px-3 py-2">
                  Source
                </th>
                <th scope="col" className="px-3 py-2">
                  Tags
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Responses
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {list.prompts.map((prompt) => (
                <tr key={prompt.id} className="align-top">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={`${base}/${prompt.id}`} aria-label={`Prompt ${prompt.externalId}`} className="text-blue-700 underline">
                      {prompt.externalId}
                    </Link>
                  </td>
                  <td className="max-w-xl px-3 py-2 break-words">{prompt.text}</td>
                  <td className="px-3 py-2">{prompt.source ?? "—"}</td>
                  <td className="px-3 py-2">{prompt.tags.join(", ")}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{prompt.responseCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pages" className="grid grid-cols-3 items-center">
        <div>
          {list.page > 1 && (
            <Link href={pageHref(list.page - 1)} rel="prev" className={pageLink}>
              Previous
            </Link>
          )}
        </div>
        <p className="text-center text-sm text-slate-700">
          Page {list.page} of {list.pageCount}
        </p>
        <div className="text-right">
          {list.page < list.pageCount && (
            <Link href={pageHref(list.page + 1)} rel="next" className={pageLink}>
              Next
            </Link>
          )}
        </div>
      </nav>
    </div>
  );
}
