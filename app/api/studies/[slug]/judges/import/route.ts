import { withRole } from "@/lib/auth";
import { importJudgeVerdicts } from "@/lib/judge/import-verdicts";
import { uploadedFile } from "@/lib/importer/sources";
import { requireStudyFor } from "@/lib/studies/study-access";

// multipart/form-data with one `file`: verdicts of judges run elsewhere (CSV or JSONL).
export const POST = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) return Response.json({ error: "Choose a file of verdicts to import." }, { status: 400 });
  return Response.json(await importJudgeVerdicts(study.id, uploadedFile(file)));
});
