import { withRole } from "@/lib/auth";
import { env } from "@/lib/env";
import { importJudgeVerdicts } from "@/lib/judge/import-verdicts";
import { fileOnDisk } from "@/lib/importer/sources";
import { requireStudyFor } from "@/lib/studies/study-access";
import { uploadOrRefusal } from "@/lib/upload";

// multipart/form-data with one `file`: verdicts of judges run elsewhere (CSV or JSONL).
export const POST = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const upload = await uploadOrRefusal(request, { maxFileBytes: env().IMPORT_MAX_FILE_BYTES, maxFiles: 1 });
  if (upload instanceof Response) return upload;
  try {
    const [file] = upload.files;
    if (!file) return Response.json({ error: "Choose a file of verdicts to import." }, { status: 400 });
    return Response.json(await importJudgeVerdicts(study.id, { ...fileOnDisk(file.path), name: file.name }));
  } finally {
    await upload.discard();
  }
});
