import { withRole } from "@/lib/auth";
import { figureDownload } from "@/lib/figures/figure-download";
import { requireStudyFor } from "@/lib/studies/study-access";

/** Figure 2, an LLM judge's verdicts per baseline, as SVG: `?judge=ID` when the study has several judges, `?view=combined` beside the raters (under the results filter and aggregation). */
export const GET = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) =>
  figureDownload(await requireStudyFor((await params).slug, user), "figure-2", "svg", new URL(request.url).searchParams),
);
