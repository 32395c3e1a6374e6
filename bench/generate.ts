// Deterministic benchmark data: every text comes from a PRNG seeded by what it is (prompt n,
// system m), so every run, and every file size, holds the same texts for the same prompts (the
// 20,000-response file is the first 4,000 prompts of the 100,000-response one).
import { createWriteStream, readFileSync } from "node:fs";
import { once } from "node:events";
import { seededRandom } from "@/lib/random";
import { demoResponse } from "@/lib/seed/demo-responses";
import { LIMA_TEST_SET_FILE } from "@/lib/studies/lima-test-set";

const WORDS = (
  "the a of to and in is that for it as with be on not this are by or from at which an have but " +
  "model answer question data results paper system response prompt study rater training example " +
  "however because therefore usually often first second finally important simple clear specific " +
  "process value function memory database table import file line error speed test case user " +
  "should would could might must will can may explain consider compare measure improve describe " +
  "naïve café résumé über coöperate façade — 10 42 2023 3.14 100%"
).split(" ");

const QUOTED = ['"as simple as possible"', '"it depends"', "'good enough'", '"state of the art"', '"Hello, world!"', '"a, b, and c"'];
const CODE = '```python\ndef f(x, y="a,b"):\n    return f"{x}, {y}"\n```';

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function sentence(random: () => number): string {
  const n = 6 + Math.floor(random() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let word = pick(WORDS, random);
    if (random() < 0.08) word += ",";
    if (random() < 0.03) word = pick(QUOTED, random);
    words.push(word);
  }
  const text = words.join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}${pick([".", ".", ".", "?", "!"], random)}`;
}

/** Text of about `length` characters (within a sentence), with paragraphs, lists, quotes, commas and code. */
export function text(random: () => number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const roll = random();
    let part: string;
    if (roll < 0.1) part = [1, 2, 3].map((i) => `${i}. ${sentence(random)}`).join("\n");
    else if (roll < 0.13) part = CODE;
    else part = Array.from({ length: 1 + Math.floor(random() * 3) }, () => sentence(random)).join(" ");
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join("\n\n");
}

export const B2_SYSTEMS = ["LIMA", "Alpaca 65B", "DaVinci003", "Bard", "Claude"] as const;

export const promptId = (n: number) => `q${String(n).padStart(6, "0")}`;

/** Prompt n (from 1): 80–600 characters. */
export function promptText(n: number): string {
  const random = seededRandom(n * 2_654_435_761);
  return text(random, 80 + Math.floor(random() * 520));
}

/** System m's response to prompt n: 300–1,500 characters. */
export function responseText(n: number, m: number): string {
  const random = seededRandom(n * 7919 + m * 104_729 + 1);
  return text(random, 300 + Math.floor(random() * 1200));
}

/** Writes lines to a file with backpressure, so that big files never sit in memory. */
export async function writeLines(file: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return bytes;
}

/** Prompts 1..count as `{"id", "text"}` JSONL. */
export function* promptLines(count: number): Generator<string> {
  for (let n = 1; n <= count; n++) yield JSON.stringify({ id: promptId(n), text: promptText(n), source: "bench" });
}

/** Every system's response to prompts 1..prompts, prompt by prompt, as one JSONL. */
export function* responseLines(prompts: number): Generator<string> {
  for (let n = 1; n <= prompts; n++) {
    for (const [m, system] of B2_SYSTEMS.entries()) yield JSON.stringify({ prompt_id: promptId(n), system, response: responseText(n, m) });
  }
}

/** One value in COPY's CSV format: NULL unquoted, everything else quoted. */
export const csvCell = (value: string | null) => (value === null ? "" : `"${value.replaceAll('"', '""')}"`);

// B-import-1: the LIMA test set and six systems' answers to it.
export const B1_SYSTEMS = ["LIMA", "Alpaca 65B", "DaVinci003", "Bard", "Claude", "GPT-4"] as const;

/**
 * Answers of the six systems to the 300 LIMA test prompts, in the three shapes researchers bring:
 * LIMA's own answers in LIMA's format (one system per file), Alpaca's as a CSV of its own, and the
 * other four in one JSONL naming the system on each line.
 */
export function limaAnswerFiles(): { name: string; system?: string; content: string[] }[] {
  const lines = readFileSync(LIMA_TEST_SET_FILE, "utf8").split("\n").filter((line) => line.trim() !== "");
  const answer = (n: number, m: number) => demoResponse(n, m);
  const csv = ["prompt_id,response"];
  const lima: string[] = [];
  const others: string[] = [];
  for (const [index, line] of lines.entries()) {
    const n = index + 1;
    const { conversations } = JSON.parse(line) as { conversations: string | string[] };
    const turns = typeof conversations === "string" ? [conversations] : conversations;
    lima.push(JSON.stringify({ conversations: [...turns, answer(n, 0)] }));
    csv.push(`${n},${csvCell(answer(n, 1))}`);
    for (let m = 2; m < B1_SYSTEMS.length; m++) others.push(JSON.stringify({ prompt_id: String(n), system: B1_SYSTEMS[m], response: answer(n, m) }));
  }
  return [
    { name: "lima-answers.jsonl", system: "LIMA", content: lima },
    { name: "alpaca-65b.csv", system: "Alpaca 65B", content: csv },
    { name: "other-baselines.jsonl", content: others },
  ];
}
