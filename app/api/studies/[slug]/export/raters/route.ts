import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { studyRatersCsv } from "@/lib/export/study-summary";
import { wantsIdentities } from "@/lib/results/rater-identity";
import { requireResultsFilter } from "@/lib/results/results-filter";
import { requireStudyFor } from "@/lib/studies/study-access";

/**
 * Per-rater statistics as CSV, by pseudonym (with `?identities=1`, who each rater is beside it);
 * the results filter's time range and raters apply. In a pairwise study agreement is with the
 * majority of the other raters on the pair, on pairs judged by someone else too; in the others,
 * each rater's use of the kind's values.
 */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const query = new URL(request.url).searchParams;
  const identities = wantsIdentities(query);
  return new Response(await studyRatersCsv(study, requireResultsFilter(query), { identities }), {
    headers: downloadHeaders(study.slug, identities ? "raters-with-identities" : "raters", "csv"),
  });
});
