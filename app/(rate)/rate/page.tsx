import type { Metadata } from "next";
import Link from "next/link";
import { raterProgress } from "@/lib/assign/next-assignment";
import { requireRole } from "@/lib/auth";
import { KINDS } from "@/lib/kinds";
import { listStudiesForRater } from "@/lib/studies/rater-access";

export const metadata: Metadata = { title: "Your studies" };

export default async function RaterHomePage() {
  const rater = await requireRole("rater");
  const studies = await listStudiesForRater(rater);
  const progress = await Promise.all(studies.map((study) => raterProgress(study, rater.id)));
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Your studies</h1>
      {studies.length === 0 ? (
        <p className="text-slate-700">No study is open for you right now.</p>
      ) : (
        <ul className="space-y-3">
          {studies.map((study, i) => {
            const { done, remaining, quota } = progress[i];
            const finished = remaining === 0;
            return (
              <li key={study.slug} data-study={study.slug} className="flex flex-wrap items-baseline justify-between gap-2 rounded-lg border border-slate-200 bg-white p-4">
                <div className="min-w-0">
                  <Link href={`/rate/${study.slug}`} className="font-medium text-blue-700 underline">
                    {study.raterTitle}
                  </Link>
                  <p className="text-sm text-slate-700">{KINDS[study.kind].label}</p>
                </div>
                <p className="text-sm text-slate-800">
                  <span>
                    {done} judged · {remaining} to go
                  </span>
                  {finished && (
                    <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 font-medium text-green-900">
                      {quota !== null && done >= quota ? "Done: quota reached" : done > 0 ? "Done" : `No ${KINDS[study.kind].item.many} left`}
                    </span>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
