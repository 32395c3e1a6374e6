import type { Metadata } from "next";
import Link from "next/link";
import { SimulatedBadge } from "@/components/studies/simulated-badge";
import { requireRole } from "@/lib/auth";
import { KINDS } from "@/lib/kinds";
import { listStudies } from "@/lib/studies/study-access";

export const metadata: Metadata = { title: "Studies" };

export default async function StudiesPage() {
  const viewer = await requireRole("researcher", "admin");
  const studies = await listStudies(viewer);
  return (
    <div className="space-y-4">
      <div className="flex items-baseline justify-between">
        <h1 className="text-xl font-semibold">Studies</h1>
        <Link href="/studies/new" className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
          New study
        </Link>
      </div>
      {studies.length === 0 ? (
        <p className="text-slate-700">No studies yet.</p>
      ) : (
        <ul className="space-y-3">
          {studies.map((study) => (
            <li key={study.slug} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/studies/${study.slug}`} className="font-medium text-blue-700 underline">
                  {study.title}
                </Link>
                {study.simulated && <SimulatedBadge />}
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {study.status} · {KINDS[study.kind].label} · target{" "}
                {study.targetSystem?.name ?? "not set"} · {study._count.prompts} prompts · {study._count.pairs} {KINDS[study.kind].item.many}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
