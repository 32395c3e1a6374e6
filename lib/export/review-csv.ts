// The review queue as CSV: one row per flag and per skip of the study's items, with the item, its
// prompt and systems (and which the rater saw on each side), what was reported, by which rater
// (pseudonym) and when, and where the item stands (open, kept, removed).
import "server-only";
import { stringify } from "csv-stringify/sync";
import { readDb } from "@/lib/db";
import { spreadsheetSafe } from "@/lib/export/spreadsheet-safe";
import { KINDS, type KindName } from "@/lib/kinds";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";
import { itemReports, reviewedItems } from "@/lib/review/item-reports";

const COLUMNS = ["prompt_id", "target_system", "baseline_system", "system_left", "system_right", "kind", "reason", "note", "rater", "created_at", "state"] as const;

type Row = Record<"item" | (typeof COLUMNS)[number], string | null>;

/** The item's column is named as in the judgments download of the study's kind (pair_id, item_id). */
export async function reviewCsv(study: { id: string; kind: KindName }): Promise<string> {
  const rows = await readDb().$queryRaw<Row[]>`
    SELECT j."pairId" AS item, pr."externalId" AS prompt_id, ts.name AS target_system, bs.name AS baseline_system,
           -- What the rater saw on each side (a note may speak of "answer B"); none for one answer alone.
           CASE WHEN bs.id IS NOT NULL THEN CASE j."targetSide" WHEN 'left' THEN ts.name ELSE bs.name END END AS system_left,
           CASE WHEN bs.id IS NOT NULL THEN CASE j."targetSide" WHEN 'left' THEN bs.name ELSE ts.name END END AS system_right,
           j.kind, j.reason, j.note, ${raterPseudonym(study.id)} AS rater,
           to_char(j.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, i.state
      FROM (${itemReports(study.id)}) j
      JOIN (${reviewedItems(study.id)}) i ON i."pairId" = j."pairId"
      JOIN "Pair" p ON p.id = j."pairId"
      JOIN "Prompt" pr ON pr.id = p."promptId"
      JOIN "System" ts ON ts.id = p."targetSystemId"
      LEFT JOIN "System" bs ON bs.id = p."baselineSystemId"
     ORDER BY pr.position, p.id, j.at, j.id`;
  const columns = [KINDS[study.kind].exportColumns.item, ...COLUMNS];
  return stringify(
    rows.map((row) => [row.item, ...COLUMNS.map((column) => row[column])].map((cell) => (cell === null ? "" : spreadsheetSafe(cell)))),
    { header: true, columns },
  );
}
