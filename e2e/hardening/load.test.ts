// R1: two app processes on one Postgres, 200 raters judging as fast as the servers answer until
// every pair has its k judgments (20,000 in all). Nothing may be judged twice by one rater, no
// pair may pass k, nothing acknowledged may be missing, and no request may fail with a 5xx.
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { studyCounts } from "./invariants";
import { runRaters, signedInRaters } from "./raters";
import { startStack, type Stack } from "./stack";

const RATERS = 200;
const PROMPTS = 2_000;
const BASELINES = ["Alpaca 65B", "GPT-4"];
const K = 5;

let stack: Stack;
let study: SeededStudy;

beforeAll(async () => {
  stack = await startStack({ apps: 2 });
  study = await seedStudy({ prompts: PROMPTS, baselines: BASELINES, judgmentsPerPair: K, openToAllRaters: true });
});

afterAll(async () => {
  await stack?.close();
});

it("200 raters on two processes fill a 20,000-judgment study exactly, with nothing lost and no 5xx", async () => {
  const cookies = await signedInRaters(stack.apps[0].origin, RATERS, "load");
  const started = performance.now();
  const record = await runRaters({ origins: () => stack.apps.map((app) => app.origin), slug: study.slug, cookies });
  const seconds = (performance.now() - started) / 1000;
  console.log(`R1: ${record.acknowledged.length} judgments acknowledged in ${seconds.toFixed(0)} s (${(record.acknowledged.length / seconds).toFixed(0)}/s); statuses ${JSON.stringify([...record.statuses])}`);

  expect(record.serverErrors, stack.apps.map((app) => app.output()).join("\n")).toEqual([]);
  expect(record.unavailable).toEqual([]);
  expect(record.unanswered).toBe(0);
  const counts = await studyCounts(study.id, record.acknowledged);
  expect(counts).toEqual({
    judgments: PROMPTS * BASELINES.length * K,
    pairs: PROMPTS * BASELINES.length,
    k: K,
    judgedTwice: 0,
    overK: 0,
    full: PROMPTS * BASELINES.length,
    lost: 0,
  });
  expect(record.acknowledged.length).toBe(counts.judgments);
});
