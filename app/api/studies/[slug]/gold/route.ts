import { withRole } from "@/lib/auth";
import { fileOnDisk } from "@/lib/importer/sources";
import { importGoldAnswers } from "@/lib/studies/gold-import";
import { requireStudyFor } from "@/lib/studies/study-access";
import { uploadOrRefusal } from "@/lib/upload";

// multipart/form-data with one `file`: gold answers in bulk (CSV or JSONL of prompt_id, baseline, verdict).
export const POST = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const upload = await uploadOrRefusal(request, { maxFileBytes: 10 * 1024 * 1024, maxFiles: 1 });
  if (upload instanceof Response) return upload;
  try {
    const [file] = upload.files;
    if (!file) return Response.json({ error: "Choose a file of gold answers to import." }, { status: 400 });
    return Response.json(await importGoldAnswers(study.id, { ...fileOnDisk(file.path), name: file.name }, user.id));
  } finally {
    await upload.discard();
  }
});
