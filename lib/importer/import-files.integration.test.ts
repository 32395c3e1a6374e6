import pg from "pg";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { databaseUrl, setDatabaseUrl } from "@/lib/env";
import { describeReport } from "@/lib/importer/describe-report";
import { importFiles, type ImportLimits } from "@/lib/importer/import-files";
import type { ImportFile } from "@/lib/importer/read-file";
import { createStudy } from "@/lib/studies/create-study";
import { makeUser, seedStudy, uniqueSuffix } from "@/lib/testing/seed-study";
import { missingResponsesCsv } from "@/lib/export/missing-responses-csv";
import { parse } from "csv-parse/sync";
import { newStudySchema } from "@/lib/validation/study";

function file(name: string, content: string | Uint8Array, system?: string): ImportFile {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  // Two chunks, so that records and multi-byte characters cross a chunk boundary.
  const middle = Math.floor(bytes.length / 2);
  return { name, system, open: async function* () { yield bytes.slice(0, middle); yield bytes.slice(middle); } };
}

const jsonl = (...records: object[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

async function newStudy(baselines: string[] = []) {
  const owner = await makeUser("researcher");
  return createStudy(newStudySchema.parse({ slug: `import-${uniqueSuffix()}`, title: "Import test", target: "LIMA", baselines }), owner.id);
}

async function snapshot(studyId: string) {
  const [prompts, responses, systems, pairs, all] = await Promise.all([
    db().prompt.findMany({ where: { studyId }, orderBy: { externalId: "asc" }, select: { externalId: true, text: true, history: true, source: true, tags: true } }),
    db().response.findMany({ where: { prompt: { studyId } }, orderBy: [{ promptId: "asc" }, { systemId: "asc" }], select: { text: true, turns: true } }),
    db().system.findMany({ where: { studyId }, orderBy: { position: "asc" }, select: { name: true } }),
    db().pair.count({ where: { studyId } }),
    Promise.all([db().prompt.count(), db().response.count(), db().system.count(), db().pair.count()]),
  ]);
  return { prompts, responses, systems, pairs, all };
}

/** Each pair's answer lengths beside its responses' texts' (the merge writes them with triggers off). */
async function pairLengths(studyId: string) {
  const pairs = await db().pair.findMany({ where: { studyId }, include: { targetResponse: true, baselineResponse: true }, orderBy: { id: "asc" } });
  return {
    kept: pairs.map((p) => [p.targetLength, p.baselineLength]),
    counted: pairs.map((p) => [[...p.targetResponse.text].length, p.baselineResponse ? [...p.baselineResponse.text].length : null]),
  };
}

async function expectLengthsKept(studyId: string) {
  const { kept, counted } = await pairLengths(studyId);
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(counted);
}

const PROMPTS = jsonl(
  { id: "p1", text: "What is 2 + 2?", source: "author-written", tags: ["math"] },
  { id: "p2", conversation: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }, { role: "user", content: "Tell me a joke." }] },
);
const RESPONSES = jsonl(
  { prompt_id: "p1", system: "LIMA", response: "4" },
  { prompt_id: "p1", system: "GPT-4", response: "Four." },
  { prompt_id: "p2", system: "LIMA", response: "Why did the chicken cross the road?" },
  { prompt_id: "p2", system: "GPT-4", response: "A pun walks into a bar." },
);

async function expectRejected(files: ImportFile[], expected: { file: string; line: number; field: string; reason: RegExp }[], limits?: ImportLimits) {
  const study = await newStudy();
  await importFiles(study.id, [file("seed.jsonl", PROMPTS)]);
  const before = await snapshot(study.id);
  const report = await importFiles(study.id, files, { limits });
  expect(report.committed).toBe(false);
  expect(report.errors.map(({ file, line, field }) => ({ file, line, field }))).toEqual(expected.map(({ file, line, field }) => ({ file, line, field })));
  report.errors.forEach((error, i) => expect(error.reason).toMatch(expected[i].reason));
  expect(report.errorCount).toBe(expected.length);
  expect(describeReport(report)).toMatch(/^Nothing was imported/);
  expect(await snapshot(study.id)).toEqual(before);
}

describe("importFiles", () => {
  it("imports prompts and responses in one go, builds the pairs and reports what it did", async () => {
    const study = await newStudy();
    const report = await importFiles(study.id, [file("prompts.jsonl", PROMPTS), file("responses.jsonl", RESPONSES)]);
    expect(report).toMatchObject({
      committed: true,
      errorCount: 0,
      prompts: { added: 2, changed: 0, unchanged: 0 },
      responses: { added: 4, changed: 0, unchanged: 0 },
      systemsAdded: ["GPT-4"],
      pairsAdded: 2,
      missingCount: 0,
    });
    const p2 = await db().prompt.findUniqueOrThrow({ where: { studyId_externalId: { studyId: study.id, externalId: "p2" } } });
    expect(p2).toMatchObject({ text: "Tell me a joke.", history: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }] });
    expect(describeReport(report)).toBe("Imported 2 new prompts; 4 new responses; 1 new system (GPT-4); 2 new pairs.");
    // The merge turns triggers off: the study's room is counted after it.
    expect(await db().studyRoom.findUniqueOrThrow({ where: { studyId: study.id } })).toMatchObject({ roomyPairs: 2, roomyPrompts: 2, goldPairs: 0 });
    await expectLengthsKept(study.id);
  });

  it("adds nothing when the same files come again, and says so", async () => {
    const study = await newStudy();
    const files = () => [file("prompts.jsonl", PROMPTS), file("responses.jsonl", RESPONSES)];
    await importFiles(study.id, files());
    const before = await snapshot(study.id);
    const again = await importFiles(study.id, files());
    expect(again).toMatchObject({ prompts: { added: 0, changed: 0, unchanged: 2 }, responses: { added: 0, changed: 0, unchanged: 4 }, pairsAdded: 0 });
    expect(describeReport(again)).toBe("Nothing new: every prompt and response in these files is already in the study.");
    expect(await snapshot(study.id)).toEqual(before);
  });

  it("previews exactly what it would do, and changes nothing", async () => {
    const study = await newStudy();
    const before = await snapshot(study.id);
    const preview = await importFiles(study.id, [file("prompts.jsonl", PROMPTS), file("responses.jsonl", RESPONSES)], { preview: true });
    expect(preview).toMatchObject({ committed: false, errorCount: 0, prompts: { added: 2 }, responses: { added: 4 }, pairsAdded: 2 });
    expect(describeReport(preview)).toMatch(/^Would import 2 new prompts/);
    expect(await snapshot(study.id)).toEqual(before);
  });

  it("reads CSV with quoted newlines, a UTF-8 byte order mark and CRLF line ends", async () => {
    const study = await newStudy();
    const csv = '\uFEFFid,text,source,tags\r\np1,"A prompt\r\nover two lines, with ""quotes""",reddit-askreddit,a;b\r\np2,Ünïcödé prompt ✓,,\r\n';
    const report = await importFiles(study.id, [file("prompts.csv", csv)]);
    expect(report.prompts.added).toBe(2);
    const rows = await db().prompt.findMany({ where: { studyId: study.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.externalId, r.text, r.source, r.tags])).toEqual([
      ["p1", 'A prompt\r\nover two lines, with "quotes"', "reddit-askreddit", ["a", "b"]],
      ["p2", "Ünïcödé prompt ✓", null, []],
    ]);
  });

  it("reads the LIMA format as prompts, and as one system's answers when given the system", async () => {
    const study = await newStudy();
    const prompts = jsonl({ conversations: "First prompt" }, { conversations: ["Earlier question", "Earlier answer", "Follow-up"] });
    const answers = jsonl({ conversations: ["First prompt", "LIMA's answer"] }, { conversations: ["Earlier question", "Earlier answer", "Follow-up", "LIMA's follow-up answer"] });
    const baseline = "prompt_id,response\n1,Alpaca's answer\n2,Alpaca's follow-up answer\n";
    const report = await importFiles(study.id, [file("lima-test.jsonl", prompts), file("lima.jsonl", answers, "LIMA"), file("alpaca.csv", baseline, "Alpaca 65B")]);
    expect(report).toMatchObject({ errorCount: 0, prompts: { added: 2 }, responses: { added: 4 }, systemsAdded: ["Alpaca 65B"], pairsAdded: 2 });
    const second = await db().prompt.findUniqueOrThrow({ where: { studyId_externalId: { studyId: study.id, externalId: "2" } } });
    expect(second.history).toEqual([{ role: "user", content: "Earlier question" }, { role: "assistant", content: "Earlier answer" }]);
  });

  it("keeps a multi-turn response's turns", async () => {
    const study = await newStudy();
    await importFiles(study.id, [file("p.jsonl", PROMPTS), file("r.jsonl", jsonl({ prompt_id: "p1", system: "LIMA", turns: ["First turn.", { role: "assistant", content: "Second turn." }] }))]);
    const response = await db().response.findFirstOrThrow({ where: { prompt: { studyId: study.id } } });
    expect(response).toMatchObject({ turns: ["First turn.", "Second turn."], text: "First turn.\n\nSecond turn." });
  });

  it("reports prompts that lack a response from some system, by name", async () => {
    const study = await newStudy(["Bard"]);
    const report = await importFiles(study.id, [file("p.jsonl", PROMPTS), file("r.jsonl", jsonl({ prompt_id: "p1", system: "LIMA", response: "4" }, { prompt_id: "p1", system: "Bard", response: "four" }))]);
    expect(report.missing).toEqual([{ promptId: "p2", systems: ["LIMA", "Bard"] }]);
    expect(report.missingCount).toBe(1);
    expect(report.pairsAdded).toBe(1);
  });

  it("pairs a system's responses that come later with those already there", async () => {
    const study = await newStudy(["GPT-4"]);
    await importFiles(study.id, [file("p.jsonl", PROMPTS), file("lima.jsonl", jsonl({ prompt_id: "p1", system: "LIMA", response: "4" }, { prompt_id: "p2", system: "LIMA", response: "Joke." }))]);
    const later = await importFiles(study.id, [file("gpt-4.jsonl", jsonl({ prompt_id: "p1", system: "GPT-4", response: "Four." }))]);
    expect(later).toMatchObject({ responses: { added: 1 }, pairsAdded: 1, missing: [{ promptId: "p2", systems: ["GPT-4"] }] });
    const pair = await db().pair.findFirstOrThrow({ where: { studyId: study.id }, include: { targetResponse: true, baselineResponse: true } });
    expect([pair.targetResponse.text, pair.baselineResponse!.text]).toEqual(["4", "Four."]);
  });

  it("imports the same way for a database role that may not turn foreign-key triggers off", async () => {
    // The embedded server's user is a superuser, and the merge skips row-by-row key checks; an
    // ordinary role keeps them.
    const admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    const role = `importer_${uniqueSuffix().replace(/\W/g, "_")}`.toLowerCase();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'ordinary'`);
    await admin.query(`GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await admin.query(`GRANT TEMPORARY ON DATABASE "${new URL(databaseUrl()).pathname.slice(1)}" TO ${role}`);
    const ordinary = new URL(databaseUrl());
    ordinary.username = role;
    ordinary.password = "ordinary";
    const superuserUrl = databaseUrl();
    try {
      const study = await newStudy();
      setDatabaseUrl(ordinary.toString());
      const report = await importFiles(study.id, [file("prompts.jsonl", PROMPTS), file("responses.jsonl", RESPONSES)]);
      expect(report).toMatchObject({ committed: true, prompts: { added: 2 }, responses: { added: 4 }, systemsAdded: ["GPT-4"], pairsAdded: 2 });
      // Here the triggers count the study's room as the pairs go in.
      expect(await db().studyRoom.findUniqueOrThrow({ where: { studyId: study.id } })).toMatchObject({ roomyPairs: 2, roomyPrompts: 2, goldPairs: 0 });
      // And keep the pairs' answer lengths, here with the merge's own update beside the trigger's.
      const changed = await importFiles(study.id, [file("r2.jsonl", jsonl({ prompt_id: "p1", system: "GPT-4", response: "Four, as two and two make." }))]);
      expect(changed.responses).toEqual({ added: 0, changed: 1, unchanged: 0 });
      await expectLengthsKept(study.id);
    } finally {
      setDatabaseUrl(superuserUrl);
      await admin.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
      await admin.end();
    }
  });

  it("builds every pair of systems for an all-pairs study", async () => {
    const owner = await makeUser("researcher");
    const study = await createStudy(
      newStudySchema.parse({ slug: `all-${uniqueSuffix()}`, title: "All pairs", target: "LIMA", baselines: ["A", "B"], pairDesign: "all_pairs" }),
      owner.id,
    );
    const responses = jsonl(...["LIMA", "A", "B"].flatMap((system) => ["p1", "p2"].map((prompt_id) => ({ prompt_id, system, response: `${system} on ${prompt_id}` }))));
    const report = await importFiles(study.id, [file("p.jsonl", PROMPTS), file("r.jsonl", responses)]);
    expect(report.pairsAdded).toBe(6);
  });

  it("gives new pairs the new length of a text the same import changes", async () => {
    const study = await newStudy();
    await importFiles(study.id, [file("p.jsonl", PROMPTS), file("r.jsonl", RESPONSES)]);
    const grown = await importFiles(study.id, [
      file("r2.jsonl", jsonl({ prompt_id: "p2", system: "LIMA", response: "A longer joke than before, about a road." }, { prompt_id: "p2", system: "Bard", response: "Knock knock." })),
    ]);
    expect(grown).toMatchObject({ responses: { added: 1, changed: 1 }, systemsAdded: ["Bard"], pairsAdded: 1 });
    await expectLengthsKept(study.id);
  });

  it("lets unjudged text change, but never text raters have been given", async () => {
    const study = await newStudy();
    await importFiles(study.id, [file("p.jsonl", PROMPTS), file("r.jsonl", RESPONSES)]);
    const changed = await importFiles(study.id, [file("r2.jsonl", jsonl({ prompt_id: "p1", system: "GPT-4", response: "Four!" }))]);
    expect(changed.responses).toEqual({ added: 0, changed: 1, unchanged: 0 });
    await expectLengthsKept(study.id);

    const rater = await makeUser("rater");
    await nextAssignment(study.id, rater.id);
    await nextAssignment(study.id, (await makeUser("rater")).id);
    const before = await snapshot(study.id);
    const refused = await importFiles(study.id, [file("r3.jsonl", jsonl({ prompt_id: "p2", system: "GPT-4", response: "A new joke." }))]);
    expect(refused.errors).toEqual([
      { file: "r3.jsonl", line: 1, field: "response", reason: expect.stringContaining('changes the text of the response of "GPT-4" to prompt "p2", which raters have already been given') },
    ]);
    expect(await snapshot(study.id)).toEqual(before);
  });

  describe("refuses the whole import, naming file, line, field and reason, and changes nothing", () => {
    it("for bad JSON", () =>
      expectRejected([file("r.jsonl", `${JSON.stringify({ prompt_id: "p1", system: "X", response: "ok" })}\n{"prompt_id": "p2",\n`)], [
        { file: "r.jsonl", line: 2, field: "(line)", reason: /is not valid JSON/ },
      ]));

    it("for missing and empty fields", () =>
      expectRejected([file("r.jsonl", jsonl({ prompt_id: "p1", response: "no system" }, { prompt_id: "p2", system: "X", response: "   " }))], [
        { file: "r.jsonl", line: 1, field: "system", reason: /is missing/ },
        { file: "r.jsonl", line: 2, field: "response", reason: /must not be empty/ },
      ]));

    it("for a prompt id given twice", () =>
      expectRejected([file("more.jsonl", jsonl({ id: "p9", text: "a" }, { id: "p9", text: "b" }))], [
        { file: "more.jsonl", line: 2, field: "id", reason: /repeats prompt id "p9" \(first at more.jsonl line 1\)/ },
      ]));

    it("for two responses of one system to one prompt, across files", () =>
      expectRejected([file("a.jsonl", jsonl({ prompt_id: "p1", system: "X", response: "one" })), file("b.csv", "prompt_id,response\np1,two\n", "X")], [
        { file: "b.csv", line: 2, field: "prompt_id", reason: /is a second response of "X" to prompt "p1" \(first at a.jsonl line 1\)/ },
      ]));

    it("for responses to unknown prompts", () =>
      expectRejected([file("r.jsonl", jsonl({ prompt_id: "p1", system: "X", response: "fine" }, { prompt_id: "nope", system: "X", response: "orphan" }))], [
        { file: "r.jsonl", line: 2, field: "prompt_id", reason: /refers to prompt "nope", which is neither in the study nor in this import/ },
      ]));

    it("for unknown columns and fields", () =>
      expectRejected([file("r.csv", "prompt_id,system,response,score\np1,X,fine,5\n"), file("p.jsonl", jsonl({ id: "p7", text: "t", colour: "red" }))], [
        { file: "r.csv", line: 2, field: "score", reason: /is not a known field/ },
        { file: "p.jsonl", line: 1, field: "colour", reason: /is not a known field/ },
      ]));

    it("for text that is not UTF-8", () =>
      expectRejected([file("latin1.csv", new Uint8Array([...new TextEncoder().encode("id,text\np5,caf"), 0xe9, 0x0a]))], [
        { file: "latin1.csv", line: 1, field: "(file)", reason: /is not UTF-8 text/ },
      ]));

    it("for text over the length limit", () =>
      expectRejected([file("p.jsonl", jsonl({ id: "p5", text: "x".repeat(101) }))], [{ file: "p.jsonl", line: 1, field: "text", reason: /longer than the limit of 100 characters/ }], {
        maxFileBytes: 1_000_000,
        maxTextChars: 100,
      }));

    it("for a file over the size limit", () =>
      expectRejected([file("big.jsonl", jsonl(...Array.from({ length: 50 }, (_, i) => ({ id: `b${i}`, text: "y".repeat(50) }))))], [
        { file: "big.jsonl", line: 1, field: "(file)", reason: /is larger than the limit of/ },
      ], { maxFileBytes: 1000, maxTextChars: 1000 }));

    it("for a file of an unknown type, or records of no known kind", () =>
      expectRejected([file("notes.txt", "hello"), file("odd.jsonl", jsonl({ question: "?" }))], [
        { file: "notes.txt", line: 0, field: "(file)", reason: /unknown type/ },
        { file: "odd.jsonl", line: 1, field: "(record)", reason: /is neither a prompt/ },
      ]));
  });

  it("lists the first 50 errors in order and counts them all", async () => {
    const study = await newStudy();
    const bad = Array.from({ length: 120 }, (_, i) => `{"id": "q${i}", "text": ""}`).join("\n");
    const report = await importFiles(study.id, [file("bad.jsonl", bad)]);
    expect(report.errorCount).toBe(120);
    expect(report.errors).toHaveLength(50);
    expect(report.errors.map((e) => e.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

describe("the responses a study still lacks", () => {
  it("are listed in full, one row per prompt and system, in the study's order", async () => {
    const study = await seedStudy({ prompts: [{ answeredBy: ["LIMA", "GPT-4"] }, { answeredBy: ["LIMA"] }, { answeredBy: [] }], baselines: ["GPT-4"] });
    const rows = parse(await missingResponsesCsv(study.id), { columns: true }) as Record<string, string>[];
    const prompts = await db().prompt.findMany({ where: { studyId: study.id }, orderBy: { position: "asc" }, select: { externalId: true } });
    expect(rows).toEqual([
      { prompt_id: prompts[1].externalId, system: "GPT-4" },
      { prompt_id: prompts[2].externalId, system: "LIMA" },
      { prompt_id: prompts[2].externalId, system: "GPT-4" },
    ]);
  });
});
