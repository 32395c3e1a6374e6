import { describe, expect, it } from "vitest";
import { readRecords, type RawRecord } from "./read-file";

async function records(name: string, text: string): Promise<RawRecord[]> {
  const bytes = Buffer.from(text);
  const file = { name, size: bytes.length, open: async function* () { yield new Uint8Array(bytes); } };
  const all: RawRecord[] = [];
  for await (const record of readRecords(file, 1_000_000)) all.push(record);
  return all;
}

describe("readRecords", () => {
  // Found by the import fuzzer: csv-parse's INVALID_OPENING_QUOTE has no CSV_ prefix, and escaped
  // the importer as a server error.
  it("reports a CSV whose first cell opens a quote it never closes properly as an error on its line", async () => {
    expect(await records("prompts.csv", 'ab"c,d\nx,y\n')).toEqual([
      { line: 1, field: "(line)", reason: expect.stringContaining("is not valid CSV (Invalid Opening Quote") },
    ]);
  });

  it("refuses a .json file holding one document once, saying that lines were expected", async () => {
    const document = JSON.stringify([{ id: "q1", text: "one" }, { id: "q2", text: "two" }], null, 2);
    const [only, ...rest] = await records("prompts.json", document);
    expect(only).toEqual({ line: 1, field: "(file)", reason: expect.stringContaining("one JSON object a line was expected (JSON lines)") });
    expect(rest).toEqual([]);
    // An object spread over lines is one document too; JSON lines in a .json file are read as such.
    expect((await records("prompts.json", '{\n  "id": "q1"\n}'))[0]).toMatchObject({ field: "(file)" });
    expect(await records("prompts.json", '{"id": "q1", "text": "one"}\n[1]\n')).toEqual([
      { line: 1, record: { id: "q1", text: "one" } },
      { line: 2, field: "(line)", reason: "must be a JSON object, one per line" },
    ]);
    // A one-line array is one document as well.
    expect((await records("prompts.json", '[{"id": "q1"}, {"id": "q2"}]'))[0]).toMatchObject({ line: 1, field: "(line)", reason: "must be a JSON object, one per line" });
  });

  it("numbers CSV records by the line they start on", async () => {
    expect(await records("prompts.csv", 'id,text\nq1,"two\nlines"\nq2,one\n')).toEqual([
      { line: 2, record: { id: "q1", text: "two\nlines" } },
      { line: 4, record: { id: "q2", text: "one" } },
    ]);
  });
});
