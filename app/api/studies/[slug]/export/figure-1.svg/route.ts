import { withRole } from "@/lib/auth";
import { figureDownload } from "@/lib/figures/figure-download";
import { requireStudyFor } from "@/lib/studies/study-access";

/** Figure 1 (a single-answer study's own figure) as SVG, under the results filter and `?aggregation=majority` as on the page. */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) =>
  figureDownload(await requireStudyFor((await params).slug, user), "figure-1", "svg", new URL(request.url).searchParams),
);
