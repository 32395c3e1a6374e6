// Researchers reading a study's data: its prompts searched and filtered, and one prompt with every
// system's response to it. Postgres filters, counts and pages, so a study of any size stays cheap.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** How much of a prompt's text the list carries; the prompt's own page shows all of it. */
export const EXCERPT_CHARS = 200;

// A query string is typed by hand as often as by the form, so a bad value means "no filter" or
// page 1 rather than an error page.
const filterText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((value) => value || undefined);

/** The prompt list's query string; a page past the end is clamped by `listPrompts`. */
export const promptQuerySchema = z.object({
  q: filterText,
  source: filterText,
  tag: filterText,
  page: z.coerce.number().int().positive().catch(1),
});

export interface PromptQuery {
  q?: string;
  source?: string;
  tag?: string;
  page?: number;
  pageSize?: number;
}

export interface PromptRow {
  id: string;
  externalId: string;
  /** At most EXCERPT_CHARS characters of the text, ending in "…" when cut. */
  text: string;
  source: string | null;
  tags: string[];
  responseCount: number;
}

export interface PromptPage {
  prompts: PromptRow[];
  total: number;
  /** The page shown: the one asked for, clamped to 1…pageCount. */
  page: number;
  pageCount: number;
  /** Every source and tag in the study, for the filters, whatever is filtered now. */
  sources: string[];
  tags: string[];
}

// Backslash is LIKE's default escape character, so escaping it, % and _ makes q match literally.
const likeContaining = (q: string) => `%${q.replace(/[\\%_]/g, "\\$&")}%`;

export async function listPrompts(studyId: string, { q, source, tag, page = 1, pageSize = 50 }: PromptQuery = {}): Promise<PromptPage> {
  const pattern = q ? likeContaining(q) : undefined;
  const where = Prisma.sql`p."studyId" = ${studyId}
    ${pattern ? Prisma.sql`AND (p.text ILIKE ${pattern} OR p."externalId" ILIKE ${pattern})` : Prisma.empty}
    ${source ? Prisma.sql`AND p.source = ${source}` : Prisma.empty}
    ${tag ? Prisma.sql`AND ${tag} = ANY (p.tags)` : Prisma.empty}`;

  const [[{ total }], sources, tags] = await Promise.all([
    db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Prompt" p WHERE ${where}`,
    db().$queryRaw<{ source: string }[]>`
      SELECT DISTINCT source FROM "Prompt" WHERE "studyId" = ${studyId} AND source IS NOT NULL ORDER BY source`,
    db().$queryRaw<{ tag: string }[]>`
      SELECT DISTINCT unnest(tags) AS tag FROM "Prompt" WHERE "studyId" = ${studyId} ORDER BY tag`,
  ]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(Math.max(1, Math.floor(page)), pageCount);

  const prompts = await db().$queryRaw<PromptRow[]>`
    SELECT p.id, p."externalId",
           CASE WHEN length(p.text) > ${EXCERPT_CHARS}::int THEN left(p.text, ${EXCERPT_CHARS}::int) || '…' ELSE p.text END AS text,
           p.source, p.tags,
           (SELECT count(*)::int FROM "Response" r WHERE r."promptId" = p.id) AS "responseCount"
      FROM "Prompt" p
     WHERE ${where}
     ORDER BY p.position, p.id
     LIMIT ${pageSize}::int OFFSET ${(shown - 1) * pageSize}::int`;

  return { prompts, total, page: shown, pageCount, sources: sources.map((row) => row.source), tags: tags.map((row) => row.tag) };
}

// The importer writes a prompt's earlier turns in this shape; anything else is a broken row.
const historySchema = z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() })).nullable();

/**
 * One prompt of the study with each system's response to it, in the systems' order, and the
 * systems that have none; null when the prompt is not in this study.
 */
export async function promptWithResponses(studyId: string, promptId: string) {
  const [prompt, systems] = await Promise.all([
    db().prompt.findFirst({
      where: { id: promptId, studyId },
      select: { id: true, externalId: true, text: true, history: true, source: true, tags: true, position: true },
    }),
    db().system.findMany({
      where: { studyId },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { name: true, targetOf: { select: { id: true } }, responses: { where: { promptId }, select: { text: true } } },
    }),
  ]);
  if (!prompt) return null;
  // The prompts on either side in the study's order (position, then id for ties), for previous and next links.
  const [[previous], [next]] = await Promise.all([
    db().$queryRaw<{ id: string }[]>`
      SELECT id FROM "Prompt" WHERE "studyId" = ${studyId} AND (position, id) < (${prompt.position}, ${prompt.id}) ORDER BY position DESC, id DESC LIMIT 1`,
    db().$queryRaw<{ id: string }[]>`
      SELECT id FROM "Prompt" WHERE "studyId" = ${studyId} AND (position, id) > (${prompt.position}, ${prompt.id}) ORDER BY position, id LIMIT 1`,
  ]);

  const { id, externalId, text, history, source, tags } = prompt;
  return {
    prompt: { id, externalId, text, history: historySchema.parse(history) ?? [], source, tags },
    previousId: previous?.id ?? null,
    nextId: next?.id ?? null,
    responses: systems
      .filter((system) => system.responses.length > 0)
      .map((system) => ({ system: system.name, isTarget: system.targetOf !== null, text: system.responses[0].text })),
    missingSystems: systems.filter((system) => system.responses.length === 0).map((system) => system.name),
  };
}
