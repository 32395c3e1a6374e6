// Every judgment of a study as CSV or JSON lines, one row each, streamed from Postgres's COPY so
// that memory stays flat and the download keeps pace with the database however many there are.
import "server-only";
import { stringify } from "csv-stringify/sync";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { exportConnections } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { copyTextRows } from "@/lib/export/copy-text";
import { spreadsheetSafe } from "@/lib/export/spreadsheet-safe";
import { DEFAULT_KIND, KIND_NAMES, KINDS, type ExportColumn, type ExportColumns, type KindName } from "@/lib/kinds";
import { IDENTITY_COLUMNS, IDENTITY_SQL } from "@/lib/results/rater-identity";
import { PSEUDONYM_SQL } from "@/lib/results/rater-pseudonym";

interface ExportTable {
  columns: readonly string[];
  select: (studyId: string) => string;
  /** Columns that JSON lines carry as booleans or numbers. */
  typed: Record<string, (text: string) => boolean | number>;
}

const asBoolean = (text: string) => text === "true";
const JSON_TYPES = { number: Number };

/**
 * Who each rater is, beside their pseudonym, when the researcher asks for it: an account's email
 * and name, a crowd participant's platform and id there (never their made-up email).
 */
const IDENTITY_EXPORT: ExportColumn[] = [
  { name: IDENTITY_COLUMNS[0], sql: IDENTITY_SQL.email },
  { name: IDENTITY_COLUMNS[1], sql: IDENTITY_SQL.name },
  { name: IDENTITY_COLUMNS[2], sql: IDENTITY_SQL.platform },
  { name: IDENTITY_COLUMNS[3], sql: IDENTITY_SQL.platformId },
];

/**
 * The judgments of a study of this kind, oldest first, one row per judgment (or per labelled
 * turn, numbered from 1), each cell as text: what every row holds, around what the kind's
 * columns add; with `identities`, who each rater is. The study's id is inlined as a quoted
 * literal: COPY takes no parameters.
 */
function tableOf({ item, systems, answer, gold, perTurn }: ExportColumns, identities: boolean): ExportTable {
  const columns: ExportColumn[] = [
    { name: "study", sql: "st.slug" },
    { name: item, sql: "p.id" },
    { name: "prompt_id", sql: 'pr."externalId"' },
    { name: "prompt_source", sql: "pr.source" },
    { name: "prompt_tags", sql: "array_to_string(pr.tags, ';')" },
    ...systems,
    ...answer,
    { name: "rationale", sql: "j.rationale" },
    { name: "rater", sql: PSEUDONYM_SQL },
    ...(identities ? IDENTITY_EXPORT : []),
    // A crowd participant's platform ids, only if the researchers chose to export them.
    { name: "participant_id", sql: `CASE WHEN st."exportParticipantIds" THEN u."participantId" END` },
    { name: "participant_session_id", sql: `CASE WHEN st."exportParticipantIds" THEN u."participantSessionRef" END` },
    ...(gold ? [{ name: "gold", sql: `(p."goldVerdict" IS NOT NULL)::text` }] : []),
    { name: "excluded", sql: `EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId")::text` },
    // The item a researcher took out of the study: its judgments are listed, and counted in no figure.
    { name: "removed", sql: `(p."removedAt" IS NOT NULL)::text` },
    // Whether the rater saw the answers with their self-naming hidden.
    { name: "redacted", sql: "a.redacted::text" },
    { name: "time_on_task_ms", sql: 'j."timeOnTaskMs"' },
    // Stored in UTC without a zone.
    { name: "created_at", sql: `to_char(j."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` },
  ];
  const select = (studyId: string) => `
    SELECT ${columns.map((column) => column.sql).join(",\n           ")}
      FROM "Judgment" j
      ${perTurn ? 'CROSS JOIN LATERAL unnest(j."turnLabels") WITH ORDINALITY AS turn (label, position)' : ""}
      JOIN "Assignment" a ON a.id = j."assignmentId"
      JOIN "Pair" p ON p.id = j."pairId"
      JOIN "Study" st ON st.id = p."studyId"
      JOIN "User" u ON u.id = j."raterId"
      JOIN "Prompt" pr ON pr.id = p."promptId"
      JOIN "System" ts ON ts.id = p."targetSystemId"
      LEFT JOIN "System" bs ON bs.id = p."baselineSystemId"
     WHERE p."studyId" = ${pg.escapeLiteral(studyId)}
     ORDER BY j."createdAt", j.id${perTurn ? ", turn.position" : ""}`;
  const typed: ExportTable["typed"] = { gold: asBoolean, excluded: asBoolean, removed: asBoolean, redacted: asBoolean, time_on_task_ms: Number };
  for (const column of answer) if (column.json) typed[column.name] = JSON_TYPES[column.json];
  return { columns: columns.map((column) => column.name), select, typed };
}

/** What one row is, by the study's kind, as the kind's export columns say; and the same with who the raters are. */
const tablesOf = (identities: boolean) => Object.fromEntries(KIND_NAMES.map((name) => [name, tableOf(KINDS[name].exportColumns, identities)])) as Record<KindName, ExportTable>;
const TABLES = tablesOf(false);
const TABLES_WITH_IDENTITIES = tablesOf(true);

/** A study of the default kind's columns. */
export const JUDGMENT_COLUMNS = TABLES[DEFAULT_KIND].columns;

/** The same with who each rater is, after `rater`. */
export const JUDGMENT_COLUMNS_WITH_IDENTITIES = TABLES_WITH_IDENTITIES[DEFAULT_KIND].columns;

/** The SQL of a study's judgments, one column per entry of its kind's columns. */
export const judgmentsSelect = (studyId: string, kind: KindName = DEFAULT_KIND): string => TABLES[kind].select(studyId);

type Row = (string | null)[];

export type ExportFormat = "csv" | "jsonl";

function formatOf(table: ExportTable, format: ExportFormat): { header: string; rows: (rows: Row[]) => string } {
  // Spreadsheets open CSV files, so their cells are made safe; JSON lines keep their values typed.
  if (format === "csv") {
    return {
      header: stringify([[...table.columns]]),
      rows: (rows) => stringify(rows.map((row) => row.map((cell) => (cell === null ? "" : spreadsheetSafe(cell))))),
    };
  }
  return {
    header: "",
    rows: (rows) =>
      rows
        .map((row) => {
          const entries = table.columns.map((column, i) => {
            const cell = row[i];
            return [column, cell === null ? null : (table.typed[column]?.(cell) ?? cell)];
          });
          return `${JSON.stringify(Object.fromEntries(entries))}\n`;
        })
        .join(""),
  };
}

/**
 * Every judgment of the study, streamed: Postgres writes the rows (COPY, one sort, no object per
 * row), this process neutralises formulas and leaves the quoting to the CSV library. The stream
 * pulls a batch only when the download has taken the last, so memory stays flat. Raters are named
 * by pseudonym alone unless `identities` (the researcher asked for them).
 */
export async function judgmentsExport(
  studyId: string,
  format: ExportFormat,
  kind: KindName = DEFAULT_KIND,
  { identities = false }: { identities?: boolean } = {},
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const table = (identities ? TABLES_WITH_IDENTITIES : TABLES)[kind];
  const written = formatOf(table, format);
  // Taken before the answer starts, so that a download that finds no connection is told so.
  const client = await exportConnections()
    .connect()
    .catch((error: unknown) => {
      if (error instanceof Error && /timeout/i.test(error.message)) throw new AppError("busy", "Too many downloads are running just now: please try again in a minute.");
      throw error;
    });
  const rows = copyTextRows(client.query(copyTo(`COPY (${table.select(studyId)}) TO STDOUT`)));
  let released = false;
  // A connection that may be mid-COPY is closed rather than handed back.
  const release = (midway: boolean) => {
    if (released) return;
    released = true;
    clearTimeout(idle);
    client.release(midway);
  };
  let idle: NodeJS.Timeout | undefined;
  const idleMs = env().EXPORT_IDLE_SECONDS * 1000;
  const watch = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      release(true);
      controller.error(new Error("The download was not read for too long."));
    }, idleMs);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (written.header) controller.enqueue(encoder.encode(written.header));
      watch(controller);
    },
    async pull(controller) {
      if (released) return;
      try {
        const batch = await rows.next();
        if (released) return;
        if (batch.done) {
          release(false);
          controller.close();
        } else {
          controller.enqueue(encoder.encode(written.rows(batch.value)));
          watch(controller);
        }
      } catch (error) {
        release(true);
        controller.error(error);
      }
    },
    // The download was abandoned: give the connection back.
    cancel() {
      release(true);
    },
  });
}
