// Imports prompts and responses into a study, all or nothing. Records are validated as they
// stream in and copied into temporary tables; Postgres then checks what needs the whole import
// (duplicates, unknown prompts, judged text that would change) and merges. A preview runs every
// step and rolls back, so it reports exactly what the import would do.
import "server-only";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Writable } from "node:stream";
import { databaseUrl, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readRecords, type ImportFile } from "@/lib/importer/read-file";
import {
  detectFormat,
  limaToPromptRow,
  limaToResponseRow,
  toPromptRow,
  toResponseRow,
  type FileFormat,
  type PromptRow,
  type ResponseRow,
  type Result,
} from "@/lib/importer/records";
import { collectExistingResponses, merge, missingResponses, type Counts } from "@/lib/importer/merge";
import { selfNamingPhrases } from "@/lib/blind/self-naming";

export const MAX_LISTED_ERRORS = 50;

export interface ImportError {
  file: string;
  line: number;
  field: string;
  reason: string;
}

/** A response that names the system that wrote it: a warning, which does not refuse the import. */
export interface SelfNamingWarning {
  file: string;
  line: number;
  phrase: string;
}

export interface ImportReport {
  committed: boolean;
  /** The first MAX_LISTED_ERRORS errors, in file and line order; errorCount counts them all. */
  errors: ImportError[];
  errorCount: number;
  prompts: Counts;
  responses: Counts;
  systemsAdded: string[];
  pairsAdded: number;
  /** Prompts that lack a response from some system of the study (first 50), and how many do. */
  missing: { promptId: string; systems: string[] }[];
  missingCount: number;
  /** Responses that name a model, its maker or a system of the study (first MAX_LISTED_ERRORS), and how many do. */
  selfNaming: SelfNamingWarning[];
  selfNamingCount: number;
}

export interface ImportLimits {
  maxFileBytes: number;
  maxTextChars: number;
}

export interface ImportOptions {
  /** Run every step and report, then roll back. */
  preview?: boolean;
  onBytes?: (bytes: number) => void;
  /** Defaults: IMPORT_MAX_FILE_BYTES and IMPORT_MAX_TEXT_CHARS. */
  limits?: ImportLimits;
}

const STAGING = `
  CREATE TEMP TABLE stage_prompt (
    ord bigint, file_index int, file text, line int,
    external_id text, text text, history jsonb, source text, tags jsonb
  ) ON COMMIT DROP;
  CREATE TEMP TABLE stage_response (
    ord bigint, file_index int, file text, line int,
    prompt_id text, system text, text text, turns jsonb, self_names jsonb
  ) ON COMMIT DROP;
  -- The responses pairs are built from: those this import adds, and the others to the same prompts,
  -- with their texts' lengths for the pairs to keep.
  CREATE TEMP TABLE import_response (id text, "promptId" text, "systemId" text, new boolean, length int) ON COMMIT DROP;`;

/** One value in COPY's CSV format: NULL unquoted, everything else quoted. */
function csvValue(value: string | number | null): string {
  if (value === null) return "";
  return `"${String(value).replaceAll('"', '""')}"`;
}

function copyLine(values: (string | number | null)[]): string {
  return `${values.map(csvValue).join(",")}\n`;
}

/**
 * Rows for one COPY, sent in chunks of about 64 KB: one write per row costs more in stream
 * overhead than Postgres takes to load it. Waits when Postgres is behind, so memory stays flat.
 */
class CopyWriter {
  private buffer: string[] = [];
  private size = 0;
  constructor(private readonly stream: Writable) {}

  async row(line: string): Promise<void> {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (chunk && !this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once("drain", resolve));
  }

  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("finish", resolve);
      this.stream.once("error", reject);
      this.stream.end();
    });
  }
}

class SelfNamingList {
  readonly listed: SelfNamingWarning[] = [];
  count = 0;
  add(file: string, line: number, phrases: string[]) {
    this.count += 1;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push({ file, line, phrase: phrases.join("; ") });
  }
}

class ErrorList {
  readonly listed: (ImportError & { fileIndex: number })[] = [];
  count = 0;
  add(error: ImportError & { fileIndex: number }) {
    this.count += 1;
    this.listed.push(error);
    // Keep the earliest in file and line order, without holding every error of a huge bad file.
    if (this.listed.length > MAX_LISTED_ERRORS * 2) this.trim();
  }
  trim() {
    this.listed.sort((a, b) => a.fileIndex - b.fileIndex || a.line - b.line);
    this.listed.length = Math.min(this.listed.length, MAX_LISTED_ERRORS);
  }
  result(): ImportError[] {
    this.trim();
    return this.listed.map(({ file, line, field, reason }) => ({ file, line, field, reason }));
  }
}

function toRow(format: FileFormat, record: Record<string, unknown>, line: number, maxChars: number, system?: string) {
  if (format.kind === "prompts") {
    return format.lima ? limaToPromptRow(record, line, maxChars) : toPromptRow(record, maxChars);
  }
  return format.lima ? limaToResponseRow(record, line, maxChars, system!) : toResponseRow(record, maxChars, system);
}

interface Staging {
  ord: { next: number };
  errors: ErrorList;
  selfNaming: SelfNamingList;
  /** The study's systems and those named so far in this import, which an answer must not name. */
  systemNames: Set<string>;
}

/** Streams one file's valid rows into its staging table; records each invalid one, and each response that names its writer. */
async function stageFile(client: pg.Client, file: ImportFile, fileIndex: number, { ord, errors, selfNaming, systemNames }: Staging, options: ImportOptions) {
  const { maxFileBytes, maxTextChars } = options.limits ?? {
    maxFileBytes: env().IMPORT_MAX_FILE_BYTES,
    maxTextChars: env().IMPORT_MAX_TEXT_CHARS,
  };
  let format: FileFormat | undefined;
  let copy: CopyWriter | undefined;

  for await (const raw of readRecords(file, maxFileBytes, options.onBytes)) {
    if (!("record" in raw)) {
      errors.add({ fileIndex, file: file.name, line: raw.line, field: raw.field, reason: raw.reason });
      continue;
    }
    if (!format) {
      format = detectFormat(raw.record, file.system);
      if (!format) {
        errors.add({
          fileIndex,
          file: file.name,
          line: raw.line,
          field: "(record)",
          reason: "is neither a prompt (id and text or conversation) nor a response (prompt_id, system and response) nor LIMA's {\"conversations\": ...}",
        });
        return;
      }
      const table =
        format.kind === "prompts"
          ? "stage_prompt (ord, file_index, file, line, external_id, text, history, source, tags)"
          : "stage_response (ord, file_index, file, line, prompt_id, system, text, turns, self_names)";
      copy = new CopyWriter(client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv)`)));
    }
    const result = toRow(format, raw.record, raw.line, maxTextChars, file.system) as Result<PromptRow | ResponseRow>;
    if (!result.ok) {
      for (const error of result.errors) errors.add({ fileIndex, file: file.name, line: raw.line, ...error });
      continue;
    }
    const head = [ord.next++, fileIndex, file.name, raw.line];
    if (format.kind === "prompts") {
      const row = result.row as PromptRow;
      await copy!.row(copyLine([...head, row.externalId, row.text, row.history && JSON.stringify(row.history), row.source, JSON.stringify(row.tags)]));
    } else {
      const row = result.row as ResponseRow;
      systemNames.add(row.system);
      const phrases = selfNamingPhrases(row.turns ? [row.text, ...row.turns] : [row.text], [...systemNames]);
      if (phrases.length) selfNaming.add(file.name, raw.line, phrases);
      await copy!.row(copyLine([...head, row.promptId, row.system, row.text, row.turns && JSON.stringify(row.turns), JSON.stringify(phrases)]));
    }
  }
  await copy?.end();
}

// Problems only the whole import shows, each a row (file_index, file, line, field, reason).
const CHECKS = [
  // A prompt id given twice in this import.
  `SELECT file_index, file, line, 'id' AS field,
          format('repeats prompt id "%s" (first at %s line %s)', external_id, first_file, first_line) AS reason
     FROM (SELECT *, row_number() OVER w AS n, first_value(file) OVER w AS first_file, first_value(line) OVER w AS first_line
             FROM stage_prompt WINDOW w AS (PARTITION BY external_id ORDER BY ord)) d
    WHERE n > 1`,
  // Two responses for one prompt and system.
  `SELECT file_index, file, line, 'prompt_id' AS field,
          format('is a second response of "%s" to prompt "%s" (first at %s line %s)', system, prompt_id, first_file, first_line) AS reason
     FROM (SELECT *, row_number() OVER w AS n, first_value(file) OVER w AS first_file, first_value(line) OVER w AS first_line
             FROM stage_response WINDOW w AS (PARTITION BY prompt_id, system ORDER BY ord)) d
    WHERE n > 1`,
  // A response to a prompt neither in this import nor in the study.
  `SELECT file_index, file, line, 'prompt_id' AS field,
          format('refers to prompt "%s", which is neither in the study nor in this import', prompt_id) AS reason
     FROM stage_response r
    WHERE NOT EXISTS (SELECT 1 FROM stage_prompt p WHERE p.external_id = r.prompt_id)
      AND NOT EXISTS (SELECT 1 FROM "Prompt" p WHERE p."studyId" = $1 AND p."externalId" = r.prompt_id)`,
  // Text that raters have already seen may not change under their judgments.
  `SELECT file_index, file, line, 'response' AS field,
          format('changes the text of the response of "%s" to prompt "%s", which raters have already been given; judgments must keep the text they were made on (import it under a new system name instead)', r.system, r.prompt_id) AS reason
     FROM stage_response r
     JOIN "Prompt" p ON p."studyId" = $1 AND p."externalId" = r.prompt_id
     JOIN "System" s ON s."studyId" = $1 AND s.name = r.system
     JOIN import_response old ON old."promptId" = p.id AND old."systemId" = s.id
     JOIN "Response" x ON x.id = old.id
    WHERE (x.text, x.turns) IS DISTINCT FROM (r.text, r.turns)
      AND EXISTS (SELECT 1 FROM "Pair" pr JOIN "Assignment" a ON a."pairId" = pr.id
                   WHERE pr."targetResponseId" = x.id OR pr."baselineResponseId" = x.id)`,
  `SELECT file_index, file, line, 'text' AS field,
          format('changes prompt "%s", which raters have already been given; judgments must keep the prompt they were made on', sp.external_id) AS reason
     FROM stage_prompt sp
     JOIN "Prompt" p ON p."studyId" = $1 AND p."externalId" = sp.external_id
    WHERE (p.text, p.history) IS DISTINCT FROM (sp.text, sp.history)
      AND EXISTS (SELECT 1 FROM "Pair" pr JOIN "Assignment" a ON a."pairId" = pr.id WHERE pr."promptId" = p.id)`,
];

async function runChecks(client: pg.Client, studyId: string, errors: ErrorList) {
  for (const check of CHECKS) {
    const { rows } = await client.query<{ file_index: number; file: string; line: number; field: string; reason: string; total: string }>(
      `SELECT *, count(*) OVER () AS total FROM (${check}) c ORDER BY file_index, line LIMIT ${MAX_LISTED_ERRORS}`,
      check.includes("$1") ? [studyId] : [],
    );
    for (const row of rows) errors.add({ fileIndex: row.file_index, file: row.file, line: row.line, field: row.field, reason: row.reason });
    // Rows past the listed ones still count.
    if (rows.length) errors.count += Number(rows[0].total) - rows.length;
  }
}

const NOTHING: Counts = { added: 0, changed: 0, unchanged: 0 };

export async function importFiles(studyId: string, files: ImportFile[], options: ImportOptions = {}): Promise<ImportReport> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    // One import at a time per study: two at once could each pass the duplicate checks.
    const study = await client.query<{ status: string }>(`SELECT status FROM "Study" WHERE id = $1 FOR UPDATE`, [studyId]);
    if (study.rowCount === 0) throw new AppError("not_found", "That study does not exist.");
    if (study.rows[0].status === "closed") throw new AppError("conflict", "This study is closed: its data and results are final, so nothing can be imported into it.");
    await client.query(STAGING);

    const errors = new ErrorList();
    const systems = await client.query<{ name: string }>(`SELECT name FROM "System" WHERE "studyId" = $1`, [studyId]);
    const staging: Staging = {
      ord: { next: 0 },
      errors,
      selfNaming: new SelfNamingList(),
      systemNames: new Set([...systems.rows.map((row) => row.name), ...files.flatMap((file) => (file.system ? [file.system] : []))]),
    };
    for (const [fileIndex, file] of files.entries()) await stageFile(client, file, fileIndex, staging, options);
    const selfNaming = { selfNaming: staging.selfNaming.listed, selfNamingCount: staging.selfNaming.count };
    await client.query(`ANALYZE stage_prompt (external_id), stage_response (prompt_id, system)`);
    await collectExistingResponses(client, studyId);
    await runChecks(client, studyId, errors);

    if (errors.count > 0) {
      await client.query("ROLLBACK");
      return {
        committed: false,
        errors: errors.result(),
        errorCount: errors.count,
        prompts: NOTHING,
        responses: NOTHING,
        systemsAdded: [],
        pairsAdded: 0,
        missing: [],
        missingCount: 0,
        ...selfNaming,
      };
    }
    const merged = await merge(client, studyId);
    const missing = await missingResponses(client, studyId);
    await client.query(options.preview ? "ROLLBACK" : "COMMIT");
    return { committed: !options.preview, errors: [], errorCount: 0, ...merged, ...missing, ...selfNaming };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
