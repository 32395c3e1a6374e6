// The LIMA paper's 300 test prompts, shipped with the app (see prisma/data/README.md for the
// source and licence).
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const LIMA_TEST_SET_FILE = path.resolve("prisma", "data", "lima-test.jsonl");

/** Lines 1–230 read like the authors' own prompts and 231–300 like r/AskReddit titles. */
const AUTHOR_WRITTEN_LINES = 230;

const limaLine = z.object({ conversations: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]) });

export interface TestPrompt {
  externalId: string;
  text: string;
  source: "author-written" | "reddit-askreddit";
  position: number;
}

export function readLimaTestSet(file = LIMA_TEST_SET_FILE): TestPrompt[] {
  const lines = readFileSync(file, "utf8").split("\n").filter((line) => line.trim() !== "");
  return lines.map((line, index) => {
    const { conversations } = limaLine.parse(JSON.parse(line));
    const number = index + 1;
    return {
      // The line number is the id: response files refer to prompts by it.
      externalId: String(number),
      text: typeof conversations === "string" ? conversations : conversations[0],
      source: number <= AUTHOR_WRITTEN_LINES ? "author-written" : "reddit-askreddit",
      position: number,
    };
  });
}
