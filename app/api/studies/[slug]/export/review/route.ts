import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { reviewCsv } from "@/lib/export/review-csv";
import { requireStudyFor } from "@/lib/studies/study-access";

/** Every flag and skip of the study's items, with the item's state, as CSV. */
export const GET = withRole(["researcher", "admin"], async (_request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  return new Response(await reviewCsv(study), { headers: downloadHeaders(study.slug, "review", "csv") });
});
