import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { wantsIdentities } from "@/lib/results/rater-identity";
import { requireStudyFor } from "@/lib/studies/study-access";

/**
 * Every judgment, one row each: CSV by default, JSON lines with `?format=jsonl`. Raters by
 * pseudonym; with `?identities=1`, who each is beside it (the study's researchers and admins only,
 * as for every download).
 */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const query = new URL(request.url).searchParams;
  const format = query.get("format") === "jsonl" ? "jsonl" : "csv";
  const identities = wantsIdentities(query);
  return new Response(await judgmentsExport(study.id, format, study.kind, { identities }), {
    headers: downloadHeaders(study.slug, identities ? "judgments-with-identities" : "judgments", format),
  });
});
