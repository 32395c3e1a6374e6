import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { studyBundle } from "@/lib/export/study-bundle";
import { requireStudyFor } from "@/lib/studies/study-access";

/** The study in one JSON-lines file, to reproduce its summary with `npm run analyze`. */
export const GET = withRole(["researcher", "admin"], async (_request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  return new Response(studyBundle(study.id), { headers: downloadHeaders(study.slug, "bundle", "jsonl") });
});
