import type { Metadata } from "next";
import { studyPageFor } from "@/lib/studies/study-page";
import Link from "next/link";
import { ImportForm } from "@/components/studies/import-form";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { study } = await studyPageFor(slug);
  const systems = await db().system.findMany({ where: { studyId: study.id }, orderBy: { position: "asc" }, select: { name: true } });
  const prompts = await db().prompt.count({ where: { studyId: study.id } });

  return (
    <div className="max-w-3xl space-y-4">
      <Link href={`/studies/${slug}`} className="text-sm text-blue-700 underline">
        ← {study.title}
      </Link>
      <h1 className="text-xl font-semibold">Import prompts and responses</h1>
      <p className="text-slate-700">
        The study has {prompts} prompts and the systems {systems.map((s) => s.name).join(", ")}. Prompt files hold <code>id</code> and{" "}
        <code>text</code> (or a <code>conversation</code>); response files hold <code>prompt_id</code>, <code>system</code> and{" "}
        <code>response</code>; LIMA&apos;s own <code>{'{"conversations": …}'}</code> format works too. Preview first: nothing is imported until you
        press Import, and a file with any error imports nothing.
      </p>
      <ImportForm slug={slug} systems={systems.map((s) => s.name)} />
    </div>
  );
}
