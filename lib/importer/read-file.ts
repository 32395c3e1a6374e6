// Streams the records of one import file, JSONL or CSV, with the line each starts on. Bytes are
// decoded as strict UTF-8 as they arrive, so a large file is never held whole in memory.
import { Readable } from "node:stream";
import { CsvError, parse as parseCsv } from "csv-parse";

export interface ImportFile {
  /** The file's name as the researcher knows it; its ending tells JSONL from CSV. */
  name: string;
  /** The system whose responses this file holds, when the file does not say per line. */
  system?: string;
  /** Size in bytes, when known before reading. */
  size?: number;
  open(): AsyncIterable<Uint8Array>;
}

export type RawRecord = { line: number; record: Record<string, unknown> } | { line: number; field: string; reason: string };

export type FileType = "jsonl" | "csv";

export function fileType(name: string): FileType | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) return "jsonl";
  return undefined;
}

class FileTooLarge extends Error {}
class NotUtf8 extends Error {}

/** Decoded text of the file, checked for size and encoding on the way. */
async function* decode(file: ImportFile, maxBytes: number, onBytes: (n: number) => void): AsyncGenerator<string> {
  // fatal: a byte sequence that is not UTF-8 stops the import instead of turning into "�".
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let total = 0;
  for await (const chunk of file.open()) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new FileTooLarge();
    onBytes(chunk.byteLength);
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotUtf8();
    }
  }
  try {
    yield decoder.decode();
  } catch {
    throw new NotUtf8();
  }
}

function fileProblem(error: unknown, maxBytes: number): { field: string; reason: string } | undefined {
  if (error instanceof FileTooLarge) {
    return { field: "(file)", reason: `is larger than the limit of ${(maxBytes / 1024 / 1024).toFixed(0)} MB` };
  }
  if (error instanceof NotUtf8) return { field: "(file)", reason: "is not UTF-8 text: save it as UTF-8 and import it again" };
  return undefined;
}

/**
 * A file whose first line opens a JSON document that goes on (an array or an object spread over
 * lines, as JSON exports are) is one document, not a record a line: said once, for the whole
 * file, instead of an error on every line of it.
 */
const ONE_DOCUMENT =
  "holds one JSON document spread over many lines, but one JSON object a line was expected (JSON lines): convert it, e.g. with jq -c '.[]' FILE.json > FILE.jsonl, and import that";

async function* jsonlRecords(text: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  let pending = "";
  let line = 0;
  let first = true;
  const one = (raw: string): RawRecord | undefined => {
    line += 1;
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (content.trim() === "") return undefined;
    const opening = first;
    first = false;
    if (opening && /^\s*(\[|\{)\s*$|^\s*\[\s*\{/.test(content) && !parses(content)) return { line, field: "(file)", reason: ONE_DOCUMENT };
    try {
      const value: unknown = JSON.parse(content);
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return { line, field: "(line)", reason: "must be a JSON object, one per line" };
      }
      return { line, record: value as Record<string, unknown> };
    } catch (error) {
      return { line, field: "(line)", reason: `is not valid JSON (${(error as Error).message})` };
    }
  };
  for await (const chunk of text) {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const raw of lines) {
      const record = one(raw);
      if (record) yield record;
      if (record && "reason" in record && record.reason === ONE_DOCUMENT) return;
    }
  }
  const last = one(pending);
  if (last) yield last;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// CSV cells are text: list-valued fields hold JSON, and an empty cell means "not given".
const JSON_COLUMNS = new Set(["conversation", "turns", "tags"]);

function csvCells(row: Record<string, string>): { record: Record<string, unknown> } | { field: string; reason: string } {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === "") continue;
    if (JSON_COLUMNS.has(key) && value.trimStart().startsWith("[")) {
      try {
        record[key] = JSON.parse(value);
      } catch {
        return { field: key, reason: "is not a valid JSON list" };
      }
    } else {
      record[key] = value;
    }
  }
  return { record };
}

async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  const parser = parseCsv({ columns: (header: string[]) => header.map((h) => h.trim()), bom: true, skip_empty_lines: true, info: true });
  const source = Readable.from(text);
  // pipe() would leave the parser waiting forever if the text fails (not UTF-8, too large).
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  let previousEnd = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      // A quoted cell may span lines; a record is reported at the line it starts on.
      const line = previousEnd + 1;
      previousEnd = info.lines;
      yield { line, ...csvCells(record) };
    }
  } catch (error) {
    // Not every parser error's code starts with CSV_ (INVALID_OPENING_QUOTE does not): its class tells.
    if (!(error instanceof CsvError)) throw error;
    const lines = (error as CsvError & { lines?: number }).lines;
    yield { line: lines ?? previousEnd + 1, field: "(line)", reason: `is not valid CSV (${error.message})` };
  }
}

/** Every record of the file in order; a problem with the file as a whole ends it with one error. */
export async function* readRecords(file: ImportFile, maxBytes: number, onBytes: (n: number) => void = () => {}): AsyncGenerator<RawRecord> {
  const type = fileType(file.name);
  if (!type) {
    yield { line: 0, field: "(file)", reason: "has an unknown type: name it .jsonl (one JSON object a line) or .csv" };
    return;
  }
  if (file.size !== undefined && file.size > maxBytes) {
    yield { line: 0, ...fileProblem(new FileTooLarge(), maxBytes)! };
    return;
  }
  const text = decode(file, maxBytes, onBytes);
  let lastLine = 0;
  try {
    for await (const record of type === "csv" ? csvRecords(text) : jsonlRecords(text)) {
      lastLine = record.line;
      yield record;
    }
  } catch (error) {
    const problem = fileProblem(error, maxBytes) ?? fileProblem((error as { cause?: unknown }).cause, maxBytes);
    if (!problem) throw error;
    yield { line: lastLine + 1, ...problem };
  }
}
