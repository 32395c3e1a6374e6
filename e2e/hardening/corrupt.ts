// Corrupted copies of good import files, made deterministically from a seed: the kinds of damage
// a real upload suffers (cut short, bytes lost or garbled, lines doubled or swapped, a field of the
// wrong type, an oversized text or file, a binary file under a .jsonl name).

export interface Corruption {
  what: string;
  bytes: Buffer;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const at = (random: Random, length: number) => Math.floor(random() * (length + 1));

const GARBAGE = ["\u0000", "\uFFFD", '"', "'", ",", "{", "}", "[", "]", "\n", "\r\n", "\\", "\t", "=cmd|' /C calc'!A0", "é", "😀", "\u202E"].map((text) => Buffer.from(text));
const INVALID_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x9f, 0x98])];
const WRONG_VALUES = ["null", "42", "true", "[]", "{}", '[1,"a"]', '""', '"   "', "-1e309", '{"$ne":null}'];

function lines(bytes: Buffer): string[] {
  return bytes.toString("utf8").split("\n");
}

const damages: { what: string; apply(bytes: Buffer, random: Random, limits: { maxTextChars: number; maxFileBytes: number }): Buffer }[] = [
  { what: "cut short", apply: (bytes, random) => bytes.subarray(0, at(random, bytes.length - 1)) },
  {
    what: "bytes lost",
    apply: (bytes, random) => {
      const from = at(random, bytes.length - 1);
      return Buffer.concat([bytes.subarray(0, from), bytes.subarray(from + 1 + Math.floor(random() * 40))]);
    },
  },
  {
    what: "garbage inserted",
    apply: (bytes, random) => {
      const into = at(random, bytes.length);
      return Buffer.concat([bytes.subarray(0, into), pick(random, GARBAGE), bytes.subarray(into)]);
    },
  },
  {
    what: "invalid UTF-8",
    apply: (bytes, random) => {
      const into = at(random, bytes.length);
      return Buffer.concat([bytes.subarray(0, into), pick(random, INVALID_UTF8), bytes.subarray(into)]);
    },
  },
  {
    what: "bits flipped",
    apply: (bytes, random) => {
      const copy = Buffer.from(bytes);
      for (let i = 0; i < 1 + Math.floor(random() * 8); i++) copy[Math.floor(random() * copy.length)] ^= 1 << Math.floor(random() * 8);
      return copy;
    },
  },
  {
    what: "a line doubled",
    apply: (bytes, random) => {
      const all = lines(bytes);
      const i = Math.floor(random() * all.length);
      all.splice(i, 0, all[i]);
      return Buffer.from(all.join("\n"));
    },
  },
  {
    what: "lines swapped",
    apply: (bytes, random) => {
      const all = lines(bytes);
      const i = Math.floor(random() * all.length);
      const j = Math.floor(random() * all.length);
      [all[i], all[j]] = [all[j], all[i]];
      return Buffer.from(all.join("\n"));
    },
  },
  {
    what: "a JSON value of the wrong type",
    apply: (bytes, random) => {
      const text = bytes.toString("utf8");
      const values = [...text.matchAll(/:\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\]|-?\d+)/g)];
      if (!values.length) return Buffer.from(text.replace(/,/, `,${pick(random, WRONG_VALUES)},`));
      const match = pick(random, values);
      const start = match.index! + match[0].indexOf(match[1]);
      return Buffer.from(text.slice(0, start) + pick(random, WRONG_VALUES) + text.slice(start + match[1].length));
    },
  },
  {
    what: "a text over the length limit",
    apply: (bytes, random, limits) => {
      const all = lines(bytes);
      const i = Math.min(all.length - 1, 1 + Math.floor(random() * Math.max(1, all.length - 2)));
      all[i] = all[i].replace(/(":\s*"|,)/, `$1${"x".repeat(limits.maxTextChars + 1)}`);
      return Buffer.from(all.join("\n"));
    },
  },
  {
    what: "a file over the size limit",
    apply: (bytes, _random, limits) => {
      const unit = bytes.length ? bytes : Buffer.from("x\n");
      return Buffer.concat(Array.from({ length: Math.ceil((limits.maxFileBytes + 1) / unit.length) + 1 }, () => unit));
    },
  },
  { what: "empty", apply: () => Buffer.alloc(0) },
  {
    what: "binary",
    apply: (_bytes, random) => Buffer.from(Array.from({ length: 1 + Math.floor(random() * 2000) }, () => Math.floor(random() * 256))),
  },
  { what: "a header only", apply: (bytes) => Buffer.from(lines(bytes)[0]) },
];

/** One to three damages, chosen by `random`, applied in turn. */
export function corrupt(bytes: Buffer, random: Random, limits: { maxTextChars: number; maxFileBytes: number }): Corruption {
  const applied: string[] = [];
  let result = bytes;
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const damage = pick(random, damages);
    applied.push(damage.what);
    result = damage.apply(result, random, limits);
  }
  return { what: applied.join(", then "), bytes: result };
}
