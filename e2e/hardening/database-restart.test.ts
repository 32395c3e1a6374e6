// R3: the database stops in the middle of the load and comes back. While it is down the app
// answers 503 with a message that says so (never a 500); once it is back the app recovers by
// itself within 10 s; nothing acknowledged is lost and the study still fills exactly.
import { chromium } from "@playwright/test";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/db-errors";
import { chromiumLaunchOptions } from "@/lib/testing/chromium";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { studyCounts } from "./invariants";
import { runRaters, signedInRaters } from "./raters";
import { startStack, type Stack } from "./stack";

const RATERS = 40;
const PROMPTS = 300;
const K = 3;
/** Acknowledged judgments before the database stops. */
const STOP_AT = 300;
const DOWN_MS = 5_000;
const RECOVERY_TARGET_MS = 10_000;

let stack: Stack;
let study: SeededStudy;

beforeAll(async () => {
  stack = await startStack({ apps: 1 });
  study = await seedStudy({ prompts: PROMPTS, baselines: ["Alpaca 65B", "GPT-4"], judgmentsPerPair: K, openToAllRaters: true });
});

afterAll(async () => {
  await stack?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("answers 503 with a clear message while the database is down, recovers within 10 s of its return, and loses nothing", async () => {
  const cookies = await signedInRaters(stack.apps[0].origin, RATERS, "restart");
  const { origin } = stack.apps[0];
  const probe = (path: string) =>
    fetch(`${origin}${path}`, { headers: { cookie: cookies[0] } }).then(async (response) => ({ status: response.status, body: await response.json() }));

  let outage: Promise<{ whileDown: { status: number; body: unknown }[]; recoveryMs: number }> | undefined;
  const record = await runRaters({
    origins: () => [origin],
    slug: study.slug,
    cookies,
    onAcknowledged: (total) => {
      if (total !== STOP_AT) return;
      outage = (async () => {
        await stack.stopDatabase();
        const whileDown = [];
        for (const started = Date.now(); Date.now() - started < DOWN_MS; await sleep(500)) {
          whileDown.push(await probe("/api/health"), await probe(`/api/rate/${study.slug}/next`));
        }
        await stack.startDatabase();
        const back = Date.now();
        while ((await probe(`/api/rate/${study.slug}/next`)).status !== 200) await sleep(100);
        return { whileDown, recoveryMs: Date.now() - back };
      })();
    },
  });
  const { whileDown, recoveryMs } = await outage!;
  console.log(`R3: ${record.acknowledged.length} acknowledged, ${record.unavailable.length} answered 503 during the outage, recovered ${recoveryMs} ms after the database was back`);

  expect(whileDown.length).toBeGreaterThan(4);
  for (const answer of whileDown) {
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer.body)).toMatch(/database|reach/i);
  }
  expect(recoveryMs).toBeLessThan(RECOVERY_TARGET_MS);
  expect(record.serverErrors, stack.apps[0].output()).toEqual([]);
  expect(stack.apps[0].output()).not.toContain("uncaughtException");
  expect(record.unavailable.length).toBeGreaterThan(0);
  for (const body of record.unavailable) expect(JSON.parse(body)).toEqual({ error: DATABASE_UNAVAILABLE_MESSAGE });

  const counts = await studyCounts(study.id, record.acknowledged);
  expect(counts).toMatchObject({ judgedTwice: 0, overK: 0, lost: 0, full: PROMPTS * 2, judgments: PROMPTS * 2 * K });
});

it("a rater's page keeps their choice and rationale through the outage, and sends them once the database is back", async () => {
  const rater = await makeUser("rater");
  const small = await seedStudy({ prompts: 2, rationaleMode: "optional" });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    const { origin } = stack.apps[0];
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel("Email").fill(rater.email);
    await page.getByLabel("Password").fill(rater.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(rater.email).waitFor();
    await page.goto(`${origin}/rate/${small.slug}`);
    await page.getByText("0 judged · 4 to go").waitFor();

    const why = "Answer A cites its sources.";
    await page.getByLabel("Why? (optional)").fill(why);
    await stack.stopDatabase();
    await page.getByRole("button", { name: "Answer A is significantly better" }).click();
    await page.getByText(DATABASE_UNAVAILABLE_MESSAGE).waitFor();
    expect(await page.getByLabel("Why? (optional)").inputValue()).toBe(why);

    await stack.startDatabase();
    await expect.poll(async () => (await fetch(`${origin}/api/health`)).status, { timeout: 10_000 }).toBe(200);
    await page.getByRole("button", { name: "Answer A is significantly better" }).click();
    await page.getByText("1 judged · 3 to go").waitFor();
    const [judgment] = await db().judgment.findMany({ where: { raterId: rater.id } });
    expect(judgment).toMatchObject({ choice: "left", rationale: why });
  } finally {
    await browser.close();
  }
});
