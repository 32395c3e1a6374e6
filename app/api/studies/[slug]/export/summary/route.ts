import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { studySummaryCsv } from "@/lib/export/study-summary";
import { requireResultsFilter } from "@/lib/results/results-filter";
import { requireStudyFor } from "@/lib/studies/study-access";

/** The summary per baseline (or per system) as CSV; `?aggregation=majority` counts each pair once; the results filter's parameters apply. */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const query = new URL(request.url).searchParams;
  const aggregation = query.get("aggregation") === "majority" ? "majority" : "every";
  return new Response(await studySummaryCsv(study, aggregation, requireResultsFilter(query)), { headers: downloadHeaders(study.slug, "summary", "csv") });
});
