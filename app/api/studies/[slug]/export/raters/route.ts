import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { ratersCsv } from "@/lib/export/summary-csv";
import { requireStudy } from "@/lib/studies/find-study";

/** Per-rater statistics as CSV, by pseudonym. */
export const GET = withRole(["researcher", "admin"], async (_request, _user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudy((await params).slug);
  return new Response(await ratersCsv(study.id), { headers: downloadHeaders(study.slug, "raters", "csv") });
});
