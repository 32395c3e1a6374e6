import { withRole } from "@/lib/auth";
import { env } from "@/lib/env";
import { describeReport } from "@/lib/importer/describe-report";
import { importFiles } from "@/lib/importer/import-files";
import { fileOnDisk } from "@/lib/importer/sources";
import { requireStudyFor } from "@/lib/studies/study-access";
import { uploadOrRefusal } from "@/lib/upload";

// multipart/form-data: `file` once per file and, in the same order, `system` (empty for a file
// whose lines name their system). `?preview=1` reports what would happen and imports nothing.
export const POST = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);
  const upload = await uploadOrRefusal(request, { maxFileBytes: env().IMPORT_MAX_FILE_BYTES, maxFiles: 20 });
  if (upload instanceof Response) return upload;
  try {
    if (upload.files.length === 0) return Response.json({ error: "Choose at least one file to import." }, { status: 400 });
    const systems = (upload.fields.get("system") ?? []).map((value) => value.trim());
    const preview = new URL(request.url).searchParams.get("preview") === "1";
    const files = upload.files.map((file, i) => ({ ...fileOnDisk(file.path, systems[i] || undefined), name: file.name }));
    const report = await importFiles(study.id, files, { preview });
    return Response.json({ summary: describeReport(report, study.kind), ...report });
  } finally {
    await upload.discard();
  }
});
