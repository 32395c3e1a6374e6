import { withRole } from "@/lib/auth";
import { describeReport } from "@/lib/importer/describe-report";
import { importFiles } from "@/lib/importer/import-files";
import { uploadedFile } from "@/lib/importer/sources";
import { requireStudyFor } from "@/lib/studies/study-access";

// multipart/form-data: `file` once per file and, in the same order, `system` (empty for a file
// whose lines name their system). `?preview=1` reports what would happen and imports nothing.
export const POST = withRole(["researcher", "admin"], async (request, user, { params }: { params: Promise<{ slug: string }> }) => {
  const study = await requireStudyFor((await params).slug, user);

  const form = await request.formData().catch(() => null);
  const files = form?.getAll("file").filter((entry): entry is File => entry instanceof File) ?? [];
  if (files.length === 0) return Response.json({ error: "Choose at least one file to import." }, { status: 400 });
  const systems = form!.getAll("system").map((value) => (typeof value === "string" ? value.trim() : ""));

  const preview = new URL(request.url).searchParams.get("preview") === "1";
  const report = await importFiles(
    study.id,
    files.map((file, i) => uploadedFile(file, systems[i] || undefined)),
    { preview },
  );
  return Response.json({ summary: describeReport(report, study.kind), ...report });
});
