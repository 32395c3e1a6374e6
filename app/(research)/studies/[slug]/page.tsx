import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgreementSummary } from "@/components/results/agreement-summary";
import { BreakdownTable } from "@/components/results/breakdown-table";
import { LiveRefresh } from "@/components/results/live-refresh";
import { ProgressSummary } from "@/components/results/progress-summary";
import { RankingTable } from "@/components/results/ranking-table";
import { RatersTable } from "@/components/results/raters-table";
import { VerdictBars } from "@/components/results/verdict-bars";
import { requireRole } from "@/lib/auth";
import { db } from "@/lib/db";
import { breakdownBySourceAndTag } from "@/lib/results/breakdown";
import { studyProgress } from "@/lib/results/progress";
import { raterRows, studyResults, type Aggregation } from "@/lib/results/study-results";
import { systemRanking } from "@/lib/results/system-ranking";
import { findStudy } from "@/lib/studies/find-study";

export const metadata: Metadata = { title: "Results" };

export default async function StudyResultsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("researcher", "admin");
  const { slug } = await params;
  const aggregation: Aggregation = (await searchParams).aggregation === "majority" ? "majority" : "every";
  const study = await findStudy(slug);
  if (!study) notFound();
  const [results, progress, ranking, breakdown, raters, target] = await Promise.all([
    studyResults(study.id, aggregation),
    studyProgress(study.id),
    systemRanking(study.id),
    breakdownBySourceAndTag(study.id),
    raterRows(study.id),
    db().system.findFirst({ where: { targetOf: { id: study.id } }, select: { name: true } }),
  ]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{study.title}</h1>
          {study.description && <p className="mt-1 text-sm text-slate-700">{study.description}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/studies/${study.slug}/import`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
            Import data
          </Link>
          <Link href={`/studies/${study.slug}/prompts`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
            Browse prompts
          </Link>
          <a
            href={`/api/studies/${study.slug}/export/judgments`}
            download
            className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
          >
            Download judgments (CSV)
          </a>
          <details className="relative">
            <summary className="cursor-pointer rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium">More downloads</summary>
            <ul className="absolute right-0 z-10 mt-1 w-64 space-y-1 rounded border border-slate-300 bg-white p-2 text-sm shadow">
              <li>
                <a href={`/api/studies/${study.slug}/export/judgments?format=jsonl`} download className="text-blue-700 underline">
                  Judgments (JSON lines)
                </a>
              </li>
              <li>
                <a href={`/api/studies/${study.slug}/export/summary${aggregation === "majority" ? "?aggregation=majority" : ""}`} download className="text-blue-700 underline">
                  Summary per baseline (CSV)
                </a>
              </li>
              <li>
                <a href={`/api/studies/${study.slug}/export/raters`} download className="text-blue-700 underline">
                  Raters (CSV)
                </a>
              </li>
            </ul>
          </details>
        </div>
      </div>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">Win / tie / loss per baseline</h2>
          <nav aria-label="Aggregation" className="flex gap-3 text-sm">
            {(
              [
                ["every", "Every judgment (as the paper)"],
                ["majority", "One verdict per pair, by majority"],
              ] as const
            ).map(([value, label]) => (
              <Link
                key={value}
                href={value === "every" ? `/studies/${slug}` : `/studies/${slug}?aggregation=majority`}
                aria-current={aggregation === value ? "page" : undefined}
                className={aggregation === value ? "font-semibold text-slate-900" : "text-blue-700 underline"}
              >
                {label}
              </Link>
            ))}
          </nav>
        </div>
        <VerdictBars target={target?.name ?? "Target"} baselines={results.baselines} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Progress</h2>
        <ProgressSummary progress={progress} baselines={results.baselines} target={target?.name ?? "Target"} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Ranking of all systems</h2>
        <RankingTable ranking={ranking} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">By prompt source and tag</h2>
        <BreakdownTable rows={breakdown} target={target?.name ?? "Target"} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Rater agreement and position bias</h2>
        <AgreementSummary agreement={results.agreement} positionBias={results.positionBias} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Raters</h2>
        <RatersTable raters={raters} />
      </section>
      <LiveRefresh />
    </div>
  );
}
