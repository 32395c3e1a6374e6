import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StudySettingsForm } from "@/components/studies/study-settings-form";
import { requireRole } from "@/lib/auth";
import { findStudy } from "@/lib/studies/find-study";
import { studyBaselines, studySettings } from "@/lib/studies/study-settings";

export const metadata: Metadata = { title: "Study settings" };

export default async function StudySettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireRole("researcher", "admin");
  const { slug } = await params;
  const study = await findStudy(slug);
  if (!study) notFound();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/studies/${study.slug}`} className="text-blue-700 underline">
          ← {study.title}
        </Link>
      </p>
      <h1 className="text-xl font-semibold">Settings</h1>
      {study.status === "closed" ? (
        <p className="text-slate-700">This study is closed: its settings and results are final.</p>
      ) : (
        <StudySettingsForm
          slug={study.slug}
          settings={await studySettings(study.id)}
          baselines={(await studyBaselines(study.id)).map((baseline) => baseline.name)}
        />
      )}
    </div>
  );
}
