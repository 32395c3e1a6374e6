// What one line of an import file may hold, and how it becomes a prompt or a response row.
// Pure: no database, so every rule here is tested on its own.
import { z } from "zod";

export interface PromptRow {
  externalId: string;
  text: string;
  history: { role: "user" | "assistant"; content: string }[] | null;
  source: string | null;
  tags: string[];
}

export interface ResponseRow {
  promptId: string;
  system: string;
  text: string;
  turns: string[] | null;
}

export type FileKind = "prompts" | "responses";

export interface FieldError {
  field: string;
  reason: string;
}

const id = z.union([z.string().trim().min(1, "must not be empty"), z.number().int().nonnegative()]).transform(String);
const name = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const turn = z.object({ role: z.enum(["user", "assistant"], "must be user or assistant"), content: z.string() }).strict();
// CSV cells are strings, so tags there are one cell separated by ";" (or ",").
const tags = z
  .union([z.array(name), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[;,]/).map((tag) => tag.trim()).filter(Boolean)));
const optionalText = (schema: z.ZodType<string | null | undefined>) => schema.optional().nullable();

function text(maxChars: number) {
  return z
    .string("must be text")
    .refine((value) => value.trim().length > 0, "must not be empty")
    .refine((value) => value.length <= maxChars, `is longer than the limit of ${maxChars.toLocaleString("en")} characters`);
}

function buildPromptSchema(maxChars: number) {
  return z
    .object({
      id,
      text: text(maxChars).optional(),
      prompt: text(maxChars).optional(),
      conversation: z.array(turn).min(1, "must hold at least one turn").optional(),
      source: optionalText(z.string().trim().max(200)),
      tags: tags.optional(),
    })
    .strict();
}

/**
 * One turn of a multi-turn response: the assistant's, as text or { role: "assistant", content }.
 * A user turn here would be shown to raters as the assistant's, to be labelled as one.
 */
const responseTurn = (maxChars: number) =>
  z
    .union([text(maxChars), turn])
    .superRefine((value, context) => {
      if (typeof value !== "string" && value.role !== "assistant") {
        context.addIssue({ code: "custom", message: "is the user's: a response's turns are the assistant's (the user's turns belong in the prompt's history)" });
      }
    })
    .transform((value) => (typeof value === "string" ? value : value.content));

function buildResponseSchema(maxChars: number) {
  return z
    .object({
      prompt_id: id,
      system: name.optional(),
      model: name.optional(),
      response: text(maxChars).optional(),
      text: text(maxChars).optional(),
      output: text(maxChars).optional(),
      turns: z.array(responseTurn(maxChars)).min(1, "must hold at least one turn").optional(),
    })
    .strict();
}

function buildLimaSchema(maxChars: number) {
  return z
    .object({
      conversations: z.union([text(maxChars), z.array(text(maxChars)).min(1, "must hold at least one turn")]),
      source: optionalText(z.string().trim().max(200)),
    })
    .strict();
}

/**
 * Builds a schema once per length limit: zod compiles a schema on its first use, which costs far
 * more than validating one record, so a schema per record would make a large import crawl.
 */
function perLimit<T>(build: (maxChars: number) => T): (maxChars: number) => T {
  const built = new Map<number, T>();
  return (maxChars) => {
    if (!built.has(maxChars)) built.set(maxChars, build(maxChars));
    return built.get(maxChars)!;
  };
}

const promptSchema = perLimit(buildPromptSchema);
const responseSchema = perLimit(buildResponseSchema);
const limaSchema = perLimit(buildLimaSchema);

export interface FileFormat {
  kind: FileKind;
  lima: boolean;
}

/**
 * What a file holds, read off its first record: LIMA's `conversations`, or the fields of a prompt
 * or a response. A file given with a system name holds that system's responses.
 */
export function detectFormat(record: Record<string, unknown>, fileSystem: string | undefined): FileFormat | undefined {
  if ("conversations" in record) return { kind: fileSystem ? "responses" : "prompts", lima: true };
  if ("prompt_id" in record || fileSystem) return { kind: "responses", lima: false };
  if ("id" in record) return { kind: "prompts", lima: false };
  return undefined;
}

export type Result<T> = { ok: true; row: T } | { ok: false; errors: FieldError[] };

function fail(error: z.ZodError): { ok: false; errors: FieldError[] } {
  return {
    ok: false,
    errors: error.issues.map((issue) => {
      const field = issue.path.join(".") || "(record)";
      if (issue.code === "unrecognized_keys") return { field: issue.keys.join(", "), reason: "is not a known field" };
      if (issue.code === "invalid_type" && issue.input === undefined) return { field, reason: "is missing" };
      return { field, reason: issue.message };
    }),
  };
}

export function toPromptRow(record: Record<string, unknown>, maxChars: number): Result<PromptRow> {
  const parsed = promptSchema(maxChars).safeParse(record);
  if (!parsed.success) return fail(parsed.error);
  const { id: externalId, conversation, source } = parsed.data;
  const given = [parsed.data.text, parsed.data.prompt, conversation].filter((v) => v !== undefined);
  if (given.length !== 1) {
    return { ok: false, errors: [{ field: "text", reason: "give exactly one of text, prompt or conversation" }] };
  }
  if (conversation) {
    const last = conversation[conversation.length - 1];
    if (last.role !== "user" || last.content.trim() === "") {
      return { ok: false, errors: [{ field: "conversation", reason: "must end with a non-empty user turn, the one to answer" }] };
    }
    const history = conversation.slice(0, -1);
    return { ok: true, row: { externalId, text: last.content, history: history.length ? history : null, source: source || null, tags: parsed.data.tags ?? [] } };
  }
  return { ok: true, row: { externalId, text: (parsed.data.text ?? parsed.data.prompt)!, history: null, source: source || null, tags: parsed.data.tags ?? [] } };
}

export function toResponseRow(record: Record<string, unknown>, maxChars: number, fileSystem?: string): Result<ResponseRow> {
  // A per-system file may name its prompts `id`.
  const input = fileSystem && "id" in record && !("prompt_id" in record) ? { ...record, prompt_id: record.id, id: undefined } : record;
  const cleaned = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const parsed = responseSchema(maxChars).safeParse(cleaned);
  if (!parsed.success) return fail(parsed.error);
  const data = parsed.data;
  const named = data.system ?? data.model;
  if (named && fileSystem && named !== fileSystem) {
    return { ok: false, errors: [{ field: "system", reason: `is "${named}", but this file was given as the responses of "${fileSystem}"` }] };
  }
  const system = named ?? fileSystem;
  if (!system) return { ok: false, errors: [{ field: "system", reason: "is missing (or give the file's system when importing it)" }] };
  const texts = [data.response, data.text, data.output, data.turns].filter((v) => v !== undefined);
  if (texts.length !== 1) {
    return { ok: false, errors: [{ field: "response", reason: "give exactly one of response, text, output or turns" }] };
  }
  const turns = data.turns ?? null;
  return { ok: true, row: { promptId: data.prompt_id, system, text: turns ? turns.join("\n\n") : (texts[0] as string), turns } };
}

function limaTurns(record: Record<string, unknown>, maxChars: number): Result<{ turns: string[]; source: string | null }> {
  const parsed = limaSchema(maxChars).safeParse(record);
  if (!parsed.success) return fail(parsed.error);
  const { conversations, source } = parsed.data;
  return { ok: true, row: { turns: typeof conversations === "string" ? [conversations] : conversations, source: source || null } };
}

/**
 * The LIMA data's own format, `{"conversations": ...}`, one conversation a line, numbered by
 * line. In a prompt file the last turn (a user's) is the prompt, earlier ones its history.
 */
export function limaToPromptRow(record: Record<string, unknown>, line: number, maxChars: number): Result<PromptRow> {
  const read = limaTurns(record, maxChars);
  if (!read.ok) return read;
  const { turns, source } = read.row;
  if (turns.length % 2 === 0) {
    return { ok: false, errors: [{ field: "conversations", reason: "must end with the user's turn in a prompt file (give the file's system to import answers)" }] };
  }
  const history = turns.slice(0, -1).map((content, i) => ({ role: i % 2 === 0 ? ("user" as const) : ("assistant" as const), content }));
  return { ok: true, row: { externalId: String(line), text: turns[turns.length - 1], history: history.length ? history : null, source, tags: [] } };
}

/** In a response file (one system's), the last turn is that system's answer to prompt number `line`. */
export function limaToResponseRow(record: Record<string, unknown>, line: number, maxChars: number, system: string): Result<ResponseRow> {
  const read = limaTurns(record, maxChars);
  if (!read.ok) return read;
  const { turns } = read.row;
  if (turns.length % 2 !== 0) {
    return { ok: false, errors: [{ field: "conversations", reason: "must end with the assistant's answer in a response file" }] };
  }
  return { ok: true, row: { promptId: String(line), system, text: turns[turns.length - 1], turns: null } };
}
