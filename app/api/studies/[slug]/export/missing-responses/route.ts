import { withRole } from "@/lib/auth";
import { downloadHeaders } from "@/lib/export/download";
import { missingResponsesCsv } from "@/lib/export/missing-responses-csv";
import { requireStudyFor } from "@/lib/studies/study-access";

/** Every prompt and system of the study with no response yet, as CSV. */
export const GET = withRole(["researcher", "admin"], async (_request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  return new Response(await missingResponsesCsv(study.id), { headers: downloadHeaders(study.slug, "missing-responses", "csv") });
});
