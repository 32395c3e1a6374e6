import { withRole } from "@/lib/auth";
import { resultsTexDownload } from "@/lib/figures/figure-download";
import { requireStudyFor } from "@/lib/studies/study-access";

/** The summary per baseline as a booktabs LaTeX table, under the results filter and `?aggregation=majority` as on the page. */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) =>
  resultsTexDownload(await requireStudyFor((await params).slug, user), new URL(request.url).searchParams),
);
