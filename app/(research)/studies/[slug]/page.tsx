import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { VerdictBars } from "@/components/results/verdict-bars";
import { requireRole } from "@/lib/auth";
import { db } from "@/lib/db";
import { tallyByBaseline } from "@/lib/judgments/tally-by-baseline";
import { findStudy } from "@/lib/studies/find-study";

export const metadata: Metadata = { title: "Results" };

export default async function StudyResultsPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireRole("researcher", "admin");
  const { slug } = await params;
  const study = await findStudy(slug);
  if (!study) notFound();
  const [tallies, target] = await Promise.all([
    tallyByBaseline(study.id),
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
        </div>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-lg font-semibold">Win / tie / loss per baseline</h2>
        <VerdictBars target={target?.name ?? "Target"} tallies={tallies} />
      </section>
    </div>
  );
}
