// Every judgment of a study as CSV or JSON lines, one row each, streamed a page at a time from a
// cursor so memory stays flat however many judgments there are.
import "server-only";
import { stringify } from "csv-stringify/sync";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { spreadsheetSafe } from "@/lib/export/spreadsheet-safe";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";

export const JUDGMENT_COLUMNS = [
  "study",
  "pair_id",
  "prompt_id",
  "prompt_source",
  "prompt_tags",
  "target_system",
  "baseline_system",
  "system_left",
  "system_right",
  "side_chosen",
  "verdict",
  "rationale",
  "rater",
  "gold",
  "excluded",
  "time_on_task_ms",
  "created_at",
] as const;

interface JudgmentRow {
  id: string;
  study: string;
  pair_id: string;
  prompt_id: string;
  prompt_source: string | null;
  prompt_tags: string;
  target_system: string;
  baseline_system: string;
  target_side: "left" | "right";
  side_chosen: string;
  verdict: string;
  rationale: string | null;
  rater: string;
  gold: boolean;
  excluded: boolean;
  time_on_task_ms: number;
  created_at: Date;
}

const PAGE = 2000;

/**
 * The study's judgments, oldest first. Read through one cursor rather than page by page with
 * LIMIT: Postgres sorts once, where keyset pages would each filter and sort the study anew
 * (a million judgments took minutes that way).
 */
function judgmentsQuery(studyId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT j.id, st.slug AS study, p.id AS pair_id, pr."externalId" AS prompt_id,
           pr.source AS prompt_source, array_to_string(pr.tags, ';') AS prompt_tags,
           ts.name AS target_system, bs.name AS baseline_system, j."targetSide" AS target_side,
           j.choice AS side_chosen, j.verdict, j.rationale,
           ${raterPseudonym(studyId)} AS rater, p."goldVerdict" IS NOT NULL AS gold,
           EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId") AS excluded,
           -- Stored in UTC without a zone; given one, so the driver does not read it as local time.
           j."timeOnTaskMs" AS time_on_task_ms, j."createdAt" AT TIME ZONE 'UTC' AS created_at
      FROM "Judgment" j
      JOIN "Pair" p ON p.id = j."pairId"
      JOIN "Study" st ON st.id = p."studyId"
      JOIN "Prompt" pr ON pr.id = p."promptId"
      JOIN "Response" tr ON tr.id = p."targetResponseId"
      JOIN "System" ts ON ts.id = tr."systemId"
      JOIN "Response" br ON br.id = p."baselineResponseId"
      JOIN "System" bs ON bs.id = br."systemId"
     WHERE p."studyId" = ${studyId}
     ORDER BY j."createdAt", j.id`;
}

type Column = (typeof JUDGMENT_COLUMNS)[number];

function toFields(row: JudgmentRow): Record<Column, string | number | boolean | null> {
  const left = row.target_side === "left" ? row.target_system : row.baseline_system;
  const right = row.target_side === "left" ? row.baseline_system : row.target_system;
  return {
    study: row.study,
    pair_id: row.pair_id,
    prompt_id: row.prompt_id,
    prompt_source: row.prompt_source,
    prompt_tags: row.prompt_tags,
    target_system: row.target_system,
    baseline_system: row.baseline_system,
    system_left: left,
    system_right: right,
    side_chosen: row.side_chosen,
    verdict: row.verdict,
    rationale: row.rationale,
    rater: row.rater,
    gold: row.gold,
    excluded: row.excluded,
    time_on_task_ms: row.time_on_task_ms,
    created_at: row.created_at.toISOString(),
  };
}

export type ExportFormat = "csv" | "jsonl";

const FORMATS: Record<ExportFormat, (rows: JudgmentRow[], first: boolean) => string> = {
  // Spreadsheets open CSV files, so their cells are made safe; JSON lines keep their values typed.
  csv: (rows, first) =>
    stringify(
      rows.map((row) => Object.values(toFields(row)).map((value) => spreadsheetSafe(value === null ? "" : String(value)))),
      { header: first, columns: [...JUDGMENT_COLUMNS] },
    ),
  jsonl: (rows) => rows.map((row) => `${JSON.stringify(toFields(row))}\n`).join(""),
};

export function judgmentsExport(studyId: string, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const client = new pg.Client({ connectionString: databaseUrl() });
  let first = true;
  // The next page is asked for before this one is formatted, so Postgres and this process work
  // at the same time.
  let next: Promise<JudgmentRow[]> | undefined;
  const fetchPage = () => client.query<JudgmentRow>(`FETCH ${PAGE} FROM judgments`).then((result) => result.rows);
  const finish = async (outcome: "COMMIT" | "ROLLBACK") => {
    await next?.catch(() => {});
    await client.query(outcome).catch(() => {});
    await client.end();
  };

  return new ReadableStream<Uint8Array>({
    async start() {
      const query = judgmentsQuery(studyId);
      await client.connect();
      await client.query("BEGIN READ ONLY");
      // Every row will be read: plan for all of them, not for a fast first page as cursors do.
      await client.query("SET LOCAL cursor_tuple_fraction = 1.0");
      await client.query(`DECLARE judgments NO SCROLL CURSOR FOR ${query.text}`, query.values);
      next = fetchPage();
    },
    async pull(controller) {
      try {
        const rows = await next!;
        const last = rows.length < PAGE;
        next = last ? undefined : fetchPage();
        const text = FORMATS[format](rows, first);
        first = false;
        if (text) controller.enqueue(encoder.encode(text));
        if (last) {
          await finish("COMMIT");
          controller.close();
        }
      } catch (error) {
        await finish("ROLLBACK");
        throw error;
      }
    },
    // The download was abandoned: give the connection back.
    async cancel() {
      await finish("ROLLBACK");
    },
  });
}
