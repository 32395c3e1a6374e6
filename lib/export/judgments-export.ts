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
import type { StudyKind } from "@/lib/generated/prisma/enums";
import { PSEUDONYM_SQL } from "@/lib/results/rater-pseudonym";

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
  "participant_id",
  "participant_session_id",
  "gold",
  "excluded",
  "redacted",
  "time_on_task_ms",
  "created_at",
] as const;

/**
 * An absolute, Likert or multi-turn study's judgments: one row per label of one answer, score, or
 * labelled turn (numbered from 1).
 */
const singleAnswerColumns = <Answer extends readonly string[]>(...answer: Answer) =>
  [
    "study",
    "item_id",
    "prompt_id",
    "prompt_source",
    "prompt_tags",
    "system",
    ...answer,
    "rationale",
    "rater",
    "participant_id",
    "participant_session_id",
    "excluded",
    "redacted",
    "time_on_task_ms",
    "created_at",
  ] as const;
const LABEL_COLUMNS = singleAnswerColumns("label");
const SCORE_COLUMNS = singleAnswerColumns("score");
const TURN_COLUMNS = singleAnswerColumns("turn", "label");

/**
 * The study's judgments, oldest first, one column per JUDGMENT_COLUMNS entry, each as text. The
 * study's id is inlined as a quoted literal: COPY takes no parameters.
 */
export function judgmentsSelect(studyId: string): string {
  return `
    SELECT st.slug, p.id, pr."externalId", pr.source, array_to_string(pr.tags, ';'), ts.name, bs.name,
           CASE j."targetSide" WHEN 'left' THEN ts.name ELSE bs.name END,
           CASE j."targetSide" WHEN 'left' THEN bs.name ELSE ts.name END,
           j.choice, j.verdict, j.rationale, ${PSEUDONYM_SQL},
           -- A crowd participant's platform ids, only if the researchers chose to export them.
           CASE WHEN st."exportParticipantIds" THEN u."participantId" END,
           CASE WHEN st."exportParticipantIds" THEN u."participantSessionRef" END,
           (p."goldVerdict" IS NOT NULL)::text,
           EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId")::text,
           -- Whether the rater saw the answers with their self-naming hidden.
           a.redacted::text,
           j."timeOnTaskMs",
           -- Stored in UTC without a zone.
           to_char(j."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      FROM "Judgment" j
      JOIN "Assignment" a ON a.id = j."assignmentId"
      JOIN "Pair" p ON p.id = j."pairId"
      JOIN "Study" st ON st.id = p."studyId"
      JOIN "User" u ON u.id = j."raterId"
      JOIN "Prompt" pr ON pr.id = p."promptId"
      JOIN "System" ts ON ts.id = p."targetSystemId"
      JOIN "System" bs ON bs.id = p."baselineSystemId"
     WHERE p."studyId" = ${pg.escapeLiteral(studyId)}
     ORDER BY j."createdAt", j.id`;
}

/**
 * The same for an absolute study's labels, a Likert study's scores, or a multi-turn study's labels
 * (one row per turn, numbered from 1), one column per LABEL_COLUMNS, SCORE_COLUMNS or TURN_COLUMNS entry.
 */
const singleAnswerSelect = (answer: "label" | "score" | "turn") => (studyId: string) => `
    SELECT st.slug, p.id, pr."externalId", pr.source, array_to_string(pr.tags, ';'), s.name,
           ${answer === "turn" ? "turn.position, turn.label" : `j.${answer}`}, j.rationale, ${PSEUDONYM_SQL},
           CASE WHEN st."exportParticipantIds" THEN u."participantId" END,
           CASE WHEN st."exportParticipantIds" THEN u."participantSessionRef" END,
           EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId")::text,
           -- Whether the rater saw the answers with their self-naming hidden.
           a.redacted::text,
           j."timeOnTaskMs",
           to_char(j."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      FROM "Judgment" j
      ${answer === "turn" ? 'CROSS JOIN LATERAL unnest(j."turnLabels") WITH ORDINALITY AS turn (label, position)' : ""}
      JOIN "Assignment" a ON a.id = j."assignmentId"
      JOIN "Pair" p ON p.id = j."pairId"
      JOIN "Study" st ON st.id = p."studyId"
      JOIN "User" u ON u.id = j."raterId"
      JOIN "Prompt" pr ON pr.id = p."promptId"
      JOIN "System" s ON s.id = p."targetSystemId"
     WHERE p."studyId" = ${pg.escapeLiteral(studyId)}
     ORDER BY j."createdAt", j.id${answer === "turn" ? ", turn.position" : ""}`;

interface ExportTable {
  columns: readonly string[];
  select: (studyId: string) => string;
  /** Columns that JSON lines carry as booleans or numbers. */
  typed: Record<string, (text: string) => boolean | number>;
}

const TYPED = {
  gold: (text: string) => text === "true",
  excluded: (text: string) => text === "true",
  redacted: (text: string) => text === "true",
  time_on_task_ms: Number,
};

/** What one row is, by the study's kind: a pairwise judgment, or a label. */
const TABLES: Record<StudyKind, ExportTable> = {
  pairwise: { columns: JUDGMENT_COLUMNS, select: judgmentsSelect, typed: TYPED },
  absolute: { columns: LABEL_COLUMNS, select: singleAnswerSelect("label"), typed: TYPED },
  likert: { columns: SCORE_COLUMNS, select: singleAnswerSelect("score"), typed: { ...TYPED, score: Number } },
  multiturn: { columns: TURN_COLUMNS, select: singleAnswerSelect("turn"), typed: { ...TYPED, turn: Number } },
};

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
 * pulls a batch only when the download has taken the last, so memory stays flat.
 */
export async function judgmentsExport(studyId: string, format: ExportFormat, kind: StudyKind = "pairwise"): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const table = TABLES[kind];
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
