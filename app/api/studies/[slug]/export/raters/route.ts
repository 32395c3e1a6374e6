import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { studyRatersCsv } from "@/lib/export/study-summary";
import { requireResultsFilter } from "@/lib/results/results-filter";
import { requireStudyFor } from "@/lib/studies/study-access";

/**
 * Per-rater statistics as CSV, by pseudonym; the results filter's time range and raters apply.
 * In a pairwise study agreement is with the majority of the other raters on the pair, on pairs
 * judged by someone else too; in the others, each rater's use of the kind's values.
 */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  return new Response(await studyRatersCsv(study, requireResultsFilter(new URL(request.url).searchParams)), { headers: downloadHeaders(study.slug, "raters", "csv") });
});
