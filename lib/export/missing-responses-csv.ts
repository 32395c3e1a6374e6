// Every response a study still lacks: one row per prompt and system with no response to it, so
// that a researcher can see which answers to collect (the import report lists the first few).
import "server-only";
import { stringify } from "csv-stringify/sync";
import { readDb } from "@/lib/db";
import { spreadsheetSafe } from "@/lib/export/spreadsheet-safe";

export async function missingResponsesCsv(studyId: string): Promise<string> {
  const rows = await readDb().$queryRaw<{ prompt_id: string; system: string }[]>`
    SELECT p."externalId" AS prompt_id, s.name AS system
      FROM "Prompt" p
      JOIN "System" s ON s."studyId" = p."studyId"
     WHERE p."studyId" = ${studyId}
       AND NOT EXISTS (SELECT 1 FROM "Response" r WHERE r."promptId" = p.id AND r."systemId" = s.id)
     ORDER BY p.position, s.position`;
  return stringify(
    rows.map((row) => [spreadsheetSafe(row.prompt_id), spreadsheetSafe(row.system)]),
    { header: true, columns: ["prompt_id", "system"] },
  );
}
