import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { studyBundle } from "@/lib/export/study-bundle";
import { requireStudy } from "@/lib/studies/find-study";

/** The study in one JSON-lines file, to reproduce its summary with `npm run analyze`. */
export const GET = withRole(["researcher", "admin"], async (_request, _user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudy((await params).slug);
  return new Response(studyBundle(study.id), { headers: downloadHeaders(study.slug, "bundle", "jsonl") });
});
