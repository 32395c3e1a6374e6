import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { judgeVerdictsCsv } from "@/lib/judge/judge-verdicts-csv";
import { requireStudyFor } from "@/lib/studies/study-access";

/** One LLM judge's answers (`?judge=ID`) as CSV. */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const judgeId = new URL(request.url).searchParams.get("judge") ?? "";
  return new Response(await judgeVerdictsCsv(study.id, judgeId), { headers: downloadHeaders(study.slug, "judge-verdicts", "csv") });
});
