// Rows of Postgres's COPY text format (the default of COPY … TO STDOUT): one row a line, fields
// separated by tabs, \N for NULL, and backslash escapes for the characters that would break that.
// Reading it is what lets an export stream at COPY's own pace instead of the driver building an
// object per row.

const ESCAPED: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

function field(text: string): string | null {
  if (text === "\\N") return null;
  // COPY TO writes only these single-letter escapes and escaped backslashes (no octal or hex).
  return text.includes("\\") ? text.replace(/\\(.)/gs, (_, c: string) => ESCAPED[c] ?? c) : text;
}

/** One line of COPY text output, without its newline, as its fields. */
export function copyTextRow(line: string): (string | null)[] {
  return line.split("\t").map(field);
}

/**
 * The rows of a COPY text stream, a batch per chunk that completes at least one line. Lines are
 * split on the newline byte before decoding: in UTF-8 that byte never occurs inside a character.
 */
export async function* copyTextRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<(string | null)[][]> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    const end = data.lastIndexOf(0x0a);
    if (end < 0) {
      rest = data;
      continue;
    }
    rest = Buffer.from(data.subarray(end + 1));
    yield data.toString("utf8", 0, end).split("\n").map(copyTextRow);
  }
  if (rest.length) throw new Error("The COPY output ended in the middle of a row");
}
