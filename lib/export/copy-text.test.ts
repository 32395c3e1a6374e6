import { describe, expect, it } from "vitest";
import { copyTextRow, copyTextRows } from "./copy-text";

async function collect(chunks: Buffer[]) {
  async function* source() {
    yield* chunks;
  }
  const rows: (string | null)[][] = [];
  for await (const batch of copyTextRows(source())) rows.push(...batch);
  return rows;
}

describe("COPY text rows", () => {
  it("reads NULL, empty fields and every escape COPY TO writes", () => {
    expect(copyTextRow("a\t\\N\t\tline\\none\\ttab\\rcr\\\\back\\bb\\ff\\vv")).toEqual(["a", null, "", "line\none\ttab\rcr\\back\bb\ff\vv"]);
    // A literal backslash followed by N is escaped, so it is text, not NULL.
    expect(copyTextRow("\\\\N")).toEqual(["\\N"]);
  });

  it("joins rows and characters split across chunks", async () => {
    const text = "1\tsmörgåsbord\n2\t日本語\\tand a tab\n";
    const bytes = Buffer.from(text);
    // Split inside a multi-byte character and inside a row.
    const at = bytes.indexOf(Buffer.from("ö")) + 1;
    expect(await collect([bytes.subarray(0, at), bytes.subarray(at, at + 9), bytes.subarray(at + 9)])).toEqual([
      ["1", "smörgåsbord"],
      ["2", "日本語\tand a tab"],
    ]);
  });

  it("says so when the stream stops inside a row", async () => {
    await expect(collect([Buffer.from("1\ttwo\n3\tfo")])).rejects.toThrow(/middle of a row/);
  });
});
