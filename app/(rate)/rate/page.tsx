import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth";
import { listStudiesForRater } from "@/lib/studies/rater-access";

export const metadata: Metadata = { title: "Your studies" };

export default async function RaterHomePage() {
  const rater = await requireRole("rater");
  const studies = await listStudiesForRater(rater);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Your studies</h1>
      {studies.length === 0 ? (
        <p className="text-slate-700">No study is open for you right now.</p>
      ) : (
        <ul className="space-y-3">
          {studies.map((study) => (
            <li key={study.slug} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link href={`/rate/${study.slug}`} className="font-medium text-blue-700 underline">
                {study.raterTitle}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
