import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StudyResearchers } from "@/components/studies/study-researchers";
import { StudySettingsForm } from "@/components/studies/study-settings-form";
import { requireRole } from "@/lib/auth";
import { findStudyFor } from "@/lib/studies/study-access";
import { studyResearchers } from "@/lib/studies/collaborators";
import { studyBaselines, studySettings } from "@/lib/studies/study-settings";

export const metadata: Metadata = { title: "Study settings" };

export default async function StudySettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const viewer = await requireRole("researcher", "admin");
  const { slug } = await params;
  const study = await findStudyFor(slug, viewer);
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
      <StudyResearchers slug={study.slug} {...await studyResearchers(study.id)} />
    </div>
  );
}
