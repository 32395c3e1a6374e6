import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { ratersCsv } from "@/lib/export/summary-csv";
import { requireResultsFilter } from "@/lib/results/results-filter";
import { requireStudyFor } from "@/lib/studies/study-access";

/**
 * Per-rater statistics as CSV, by pseudonym; the results filter's time range and raters apply.
 * Agreement is with the majority of the other raters on the pair, on pairs judged by someone else too.
 */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  return new Response(await ratersCsv(study.id, requireResultsFilter(new URL(request.url).searchParams)), { headers: downloadHeaders(study.slug, "raters", "csv") });
});
