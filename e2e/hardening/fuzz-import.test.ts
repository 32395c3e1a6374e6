// R4, imports: 1,000 corrupted copies of the sample files, uploaded through the import API as a
// researcher would. No upload may crash the server or answer 5xx; an upload with errors must
// name, for each error, its file and line (or the whole file) and change nothing; an upload that
// succeeds must have written all of itself (importing it again finds nothing new).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededRandom } from "@/lib/random";
import { signInOverHttp } from "@/lib/testing/http-raters";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { corrupt } from "./corrupt";
import { startStack, type Stack } from "./stack";

const UPLOADS = 1_000;
const LIMITS = { maxTextChars: 4_000, maxFileBytes: 64 * 1024 };
const samples = path.resolve("prisma/data/samples");
const FILES = [
  { name: "prompts.jsonl" },
  { name: "prompts.csv" },
  { name: "responses.jsonl" },
  { name: "responses-alpaca.csv", system: "Alpaca 65B" },
].map((file) => ({ ...file, bytes: readFileSync(path.join(samples, file.name)) }));

let stack: Stack;
let study: SeededStudy;
let cookie: string;

beforeAll(async () => {
  stack = await startStack({ apps: 1, env: { IMPORT_MAX_TEXT_CHARS: String(LIMITS.maxTextChars), IMPORT_MAX_FILE_BYTES: String(LIMITS.maxFileBytes) } });
  const researcher = await makeUser("researcher");
  study = await seedStudy({ prompts: 3, createdById: researcher.id });
  cookie = await signInOverHttp(stack.apps[0].origin, researcher.email, researcher.password);
});

afterAll(async () => {
  await stack?.close();
});

interface Report {
  committed?: boolean;
  errorCount?: number;
  errors?: { file: string; line: number; field: string; reason: string }[];
  prompts?: { added: number; changed: number };
  responses?: { added: number; changed: number };
  error?: string;
}

async function upload(file: { name: string; system?: string }, bytes: Buffer, preview = false): Promise<{ status: number; report: Report }> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), file.name);
  form.append("system", file.system ?? "");
  const response = await fetch(`${stack.apps[0].origin}/api/studies/${study.slug}/import${preview ? "?preview=1" : ""}`, {
    method: "POST",
    headers: { cookie },
    body: form,
  });
  const text = await response.text();
  try {
    return { status: response.status, report: JSON.parse(text) as Report };
  } catch {
    throw new Error(`The import answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}\n${stack.apps[0].output().slice(-3_000)}`);
  }
}

/** Everything an import can touch in the study, as one hash. */
async function fingerprint(): Promise<string> {
  const [row] = await db().$queryRaw<{ hash: string }[]>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', id, "externalId", text, history::text, source, tags::text), ';' ORDER BY id) FROM "Prompt" WHERE "studyId" = ${study.id}),
      (SELECT string_agg(concat_ws(',', r.id, r.text, r.turns::text), ';' ORDER BY r.id) FROM "Response" r JOIN "Prompt" p ON p.id = r."promptId" WHERE p."studyId" = ${study.id}),
      (SELECT string_agg(concat_ws(',', id, name), ';' ORDER BY id) FROM "System" WHERE "studyId" = ${study.id}),
      (SELECT string_agg(id, ';' ORDER BY id) FROM "Pair" WHERE "studyId" = ${study.id}))) AS hash`;
  return row.hash;
}

it("1,000 corrupted uploads: no 5xx, every error names its line, a failed upload changes nothing, a successful one is whole", async () => {
  // The good files first, so that damaged ones meet a study that already holds their records.
  for (const file of FILES) expect((await upload(file, file.bytes)).report.errorCount).toBe(0);

  const random = seededRandom(20261125);
  const outcomes = { refused: 0, imported: 0, errors: 0 };
  for (let i = 0; i < UPLOADS; i++) {
    const file = FILES[Math.floor(random() * FILES.length)];
    const damaged = corrupt(file.bytes, random, LIMITS);
    const context = `upload ${i + 1}: ${file.name}, ${damaged.what}`;
    const before = await fingerprint();
    const { status, report } = await upload(file, damaged.bytes);

    expect(status, context).toBeLessThan(500);
    if (status !== 200) {
      outcomes.refused += 1;
      expect(report.error, context).toBeTruthy();
      expect(await fingerprint(), context).toBe(before);
    } else if (report.errorCount! > 0) {
      outcomes.errors += report.errorCount!;
      expect(report.committed, context).toBe(false);
      expect(await fingerprint(), context).toBe(before);
      // CSV counts a bare carriage return as a line break too.
      const lineCount = damaged.bytes.toString("utf8").split(/\r\n|\r|\n/).length;
      for (const error of report.errors!) {
        expect(error.file, context).toBe(file.name);
        expect(error.reason, context).toMatch(/\S/);
        // A line of the file, or 0 for a problem with the file as a whole.
        expect(Number.isInteger(error.line) && error.line >= 0 && error.line <= lineCount + 1, `${context}: line ${error.line} of ${lineCount}`).toBe(true);
        if (error.line === 0) expect(error.field, context).toBe("(file)");
      }
    } else {
      outcomes.imported += 1;
      expect(report.committed, context).toBe(true);
      const again = (await upload(file, damaged.bytes, true)).report;
      expect(again.prompts!.added + again.prompts!.changed + again.responses!.added + again.responses!.changed, context).toBe(0);
    }
  }
  console.log(`R4 imports: ${UPLOADS} corrupted uploads, ${outcomes.imported} imported whole, ${outcomes.refused} refused, ${outcomes.errors} errors reported`);

  expect((await fetch(`${stack.apps[0].origin}/api/health`)).status).toBe(200);
  expect(stack.apps[0].output()).not.toMatch(/uncaughtException|⨯/);
});
