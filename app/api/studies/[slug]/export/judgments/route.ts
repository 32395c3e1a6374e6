import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { requireStudyFor } from "@/lib/studies/study-access";

/** Every judgment, one row each: CSV by default, JSON lines with `?format=jsonl`. */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const format = new URL(request.url).searchParams.get("format") === "jsonl" ? "jsonl" : "csv";
  return new Response(await judgmentsExport(study.id, format, study.kind), { headers: downloadHeaders(study.slug, "judgments", format) });
});
