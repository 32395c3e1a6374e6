import type { Metadata } from "next";
import { studyPageFor } from "@/lib/studies/study-page";
import Link from "next/link";
import { Answer, Question } from "@/components/rating/conversation";
import { PreviewPair } from "@/components/rating/preview-pair";
import { Markdown } from "@/components/ui/markdown";
import { KINDS } from "@/lib/kinds";
import { previewItem } from "@/lib/studies/preview-item";
import { SKIP_REASONS } from "@/lib/validation/judgment";

export const metadata: Metadata = { title: "Preview" };

const pageLink = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100";

/**
 * What the study's raters see, for its researchers: its title for raters, its instructions and
 * an example item, on the rating page's own components. Nothing is recorded or handed out.
 */
export default async function StudyPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { study } = await studyPageFor(slug);
  const asked = Number([(await searchParams).example].flat()[0] ?? 1);
  const preview = await previewItem(study.id, Number.isFinite(asked) ? asked : 1);
  const { item } = KINDS[study.kind];
  const base = `/studies/${study.slug}/preview`;

  return (
    <div className="space-y-4">
      <div role="note" aria-label="Preview" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-violet-300 bg-violet-50 p-4 text-sm">
        <p className="text-slate-900">
          <strong>Preview</strong> of what raters see in <em>{study.title}</em>. Nothing you do here is recorded, and no {item.one} is handed out.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {preview && preview.of > 1 && (
            <>
              <span className="text-slate-800">
                Example {preview.number} of {preview.of}
              </span>
              {preview.number > 1 && (
                <Link href={`${base}?example=${preview.number - 1}`} className={pageLink}>
                  Previous example
                </Link>
              )}
              {preview.number < preview.of && (
                <Link href={`${base}?example=${preview.number + 1}`} className={pageLink}>
                  Next example
                </Link>
              )}
            </>
          )}
          <Link href={`/studies/${study.slug}`} className={pageLink}>
            Back to the study
          </Link>
        </div>
      </div>
      <h1 className="text-xl font-semibold">{study.raterTitle}</h1>
      <details open className="rounded-lg border border-slate-300 bg-white p-4">
        <summary className="cursor-pointer font-medium">Instructions</summary>
        <div className="mt-3">
          <Markdown>{study.instructions}</Markdown>
        </div>
      </details>
      {preview ? (
        <PreviewPair
          key={preview.item.assignmentId}
          kind={study.kind}
          scale={study.scaleMin !== null && study.scaleMax !== null ? { min: study.scaleMin, max: study.scaleMax } : undefined}
          bothBad={study.offerBothBad}
          assignmentId={preview.item.assignmentId}
          question={<Question prompt={preview.item.prompt} />}
          answerA={<Answer answer={"answer" in preview.item ? preview.item.answer : preview.item.left} />}
          answerB={"answer" in preview.item ? undefined : <Answer answer={preview.item.right} />}
          turns={"answer" in preview.item ? (preview.item.answer.turns ?? [preview.item.answer.text]).map((turn, i) => <Markdown key={i}>{turn}</Markdown>) : undefined}
          rationaleMode={study.rationaleMode}
          skipReasons={SKIP_REASONS}
        />
      ) : (
        <p role="status" className="rounded-lg border border-amber-300 bg-white p-6 text-slate-800">
          This study has no {item.many} for raters yet: import prompts and responses first.
        </p>
      )}
    </div>
  );
}
