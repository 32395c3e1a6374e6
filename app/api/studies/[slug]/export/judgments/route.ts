import { withRole } from "@/lib/auth";
import { judgmentsCsv } from "@/lib/export/judgments-csv";
import { findStudy } from "@/lib/studies/find-study";

export const GET = withRole(["researcher", "admin"], async (_request, _user, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const study = await findStudy(slug);
  if (!study) return Response.json({ error: `No study with the slug "${slug}".` }, { status: 404 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(judgmentsCsv(study.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${study.slug}-judgments-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
