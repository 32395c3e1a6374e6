// Each kind of study walked end to end as its people meet it: a researcher makes it on the form
// and imports its answers; one rater judges by keyboard on a laptop, another by touch on a phone;
// the researcher reads the results (filtered too), takes every download, and the bundle is
// recomputed offline by `npm run analyze`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "@playwright/test";
import { KINDS, type KindName } from "@/lib/kinds";
import { expect, seed, signIn, test } from "../fixtures/test";

type Upload = { name: string; mimeType: string; buffer: Buffer };
const jsonl = (name: string, lines: object[] | Buffer): Upload => ({
  name,
  mimeType: "application/x-ndjson",
  buffer: Buffer.isBuffer(lines) ? lines : Buffer.from(lines.map((line) => JSON.stringify(line)).join("\n")),
});
const sample = (name: string) => jsonl(name, readFileSync(path.resolve("prisma/data/samples", name)));

/** How a rater gives one item's answer: by keyboard (a key per item) or by tapping the nth option. */
interface Walk {
  kind: KindName;
  files: Upload[];
  /** The import's report after "Imported". */
  imported: string;
  /** Items (pairs, answers, conversations) in the study. */
  items: number;
  /** What the laptop rater presses for each item, in turn. */
  keys: string[];
  /** Which option the phone rater taps for each item. */
  taps: number[];
  /** The heading of the results' first section. */
  heading: string;
  /** The main download's link. */
  download: string;
  /** A scale to state on the form, for a study of scores. */
  scale?: { min: number; max: number };
}

const conversations = [
  { prompt_id: "q3", system: "LIMA", turns: ['How about "Flour Power"?', 'Or "The Rolling Pin"!'] },
  { prompt_id: "q3", system: "GPT-4", turns: ['"Knead to Know".'] },
];

const WALKS: Walk[] = [
  {
    kind: "pairwise",
    files: [sample("prompts.jsonl"), sample("responses.jsonl")],
    imported: "3 new prompts; 6 new responses; 3 new pairs.",
    items: 3,
    keys: ["a", "n", "b"],
    taps: [0, 0, 2],
    heading: "Win / tie / loss per baseline",
    download: "Download judgments (CSV)",
  },
  {
    kind: "absolute",
    files: [sample("prompts.jsonl"), sample("responses.jsonl")],
    imported: "3 new prompts; 6 new responses; 6 new answers to rate.",
    items: 6,
    keys: ["e", "p", "p", "f", "e", "p"],
    taps: [2, 1, 1, 0, 1, 1],
    heading: "Fail / Pass / Excellent per system",
    download: "Download labels (CSV)",
  },
  {
    kind: "likert",
    files: [sample("prompts.jsonl"), sample("responses.jsonl")],
    imported: "3 new prompts; 6 new responses; 6 new answers to rate.",
    items: 6,
    keys: ["5", "4", "3", "2", "1", "5"],
    taps: [4, 3, 3, 1, 0, 2],
    heading: "Helpfulness per system",
    download: "Download scores (CSV)",
    scale: { min: 1, max: 5 },
  },
  {
    kind: "multiturn",
    files: [sample("prompts.jsonl"), jsonl("conversations.jsonl", conversations)],
    imported: "3 new prompts; 2 new responses; 2 new conversations to rate.",
    items: 2,
    // One label for every turn of the conversation on screen: E, P or F, in turn.
    keys: ["e", "p"],
    taps: [1, 2],
    heading: "Fail / Pass / Excellent per system and turn",
    download: "Download labels (CSV)",
  },
];

/** The researcher makes the study on the form, open to every rater, two raters an item, and imports its files. */
async function makeStudy(page: Page, walk: Walk): Promise<string> {
  const { item, choice } = KINDS[walk.kind];
  await signIn(page, await seed.user("researcher"));
  await page.getByRole("link", { name: "New study" }).click();
  await page.getByLabel(choice).check();
  await expect(page.getByRole("heading", { name: KINDS[walk.kind].heading })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(`${walk.kind} walk ${Date.now()}`);
  const slug = await page.getByLabel("Slug").inputValue();
  await page.getByLabel("Target system").fill("LIMA");
  await page.getByLabel("Baselines").fill("GPT-4");
  await page.getByLabel(`Raters per ${item.one} (k)`).fill("2");
  if (walk.scale) {
    await page.getByLabel("Lowest score").fill(String(walk.scale.min));
    await page.getByLabel("Highest score").fill(String(walk.scale.max));
  }
  await page.getByLabel("Every rater account may judge").check();
  await page.getByLabel("My own prompts, imported next").check();
  await page.getByRole("button", { name: "Create study" }).click();
  await page.getByLabel("Files (.jsonl or .csv)").setInputFiles(walk.files);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status")).toHaveText(`Would import ${walk.imported}`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toHaveText(`Imported ${walk.imported}`);
  return slug;
}

const progressText = (done: number, left: number) => `${done} judged · ${left} to go`;

/** A rater on a laptop judges every item by keyboard alone. */
async function judgeByKeyboard(browser: Browser, slug: string, walk: Walk) {
  const page = await browser.newPage();
  await signIn(page, await seed.user("rater"));
  await page.goto(`/rate/${slug}`);
  if (walk.scale) {
    // The rating view asks on the study's own scale.
    await expect(page.getByText(`How helpful is this answer, from ${walk.scale.min} (not helpful) to ${walk.scale.max} (highly helpful)?`)).toBeVisible();
    await expect(page.getByRole("button", { name: /^\d+: / })).toHaveCount(2);
    await expect(page.getByRole("button", { name: /^\d+$/ })).toHaveCount(walk.scale.max - walk.scale.min - 1);
  }
  for (const [done, key] of walk.keys.entries()) {
    await expect(page.getByText(progressText(done, walk.items - done))).toBeVisible();
    const turns = page.getByRole("group", { name: /^Turn \d+$/ });
    if (KINDS[walk.kind].rating.turnLabels) {
      // Each turn's label is a radio group: focus its first choice, move by arrow keys, submit by Enter.
      const names = KINDS[walk.kind].rating.turnLabels!.choices.map((choice) => choice.name);
      const target = { e: "Excellent", p: "Pass", f: "Fail" }[key]!;
      for (let turn = 0; turn < (await turns.count()); turn++) {
        await turns.nth(turn).getByRole("radio").first().focus();
        await page.keyboard.press("Space");
        for (let step = 0; step < names.indexOf(target); step++) await page.keyboard.press("ArrowDown");
        await expect(turns.nth(turn).getByLabel(target)).toBeChecked();
      }
      await page.getByRole("button", { name: KINDS[walk.kind].rating.turnLabels!.submit }).focus();
      await page.keyboard.press("Enter");
    } else {
      await page.keyboard.press(key);
    }
  }
  await expect(page.getByText(progressText(walk.items, 0))).toBeVisible();
  await page.close();
}

/** A rater on a phone judges every item by touch, the page no wider than the screen. */
async function judgeOnAPhone(browser: Browser, slug: string, walk: Walk) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signIn(page, await seed.user("rater"));
  await page.goto(`/rate/${slug}`);
  for (const [done, option] of walk.taps.entries()) {
    await expect(page.getByText(progressText(done, walk.items - done))).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const turnLabels = KINDS[walk.kind].rating.turnLabels;
    if (turnLabels) {
      const turns = page.getByRole("group", { name: /^Turn \d+$/ });
      for (let turn = 0; turn < (await turns.count()); turn++) await turns.nth(turn).getByLabel(turnLabels.choices[option].name).tap();
      await page.getByRole("button", { name: turnLabels.submit }).tap();
    } else {
      const { rating } = KINDS[walk.kind];
      const asked = walk.scale && rating.onScale ? rating.onScale(walk.scale).question : rating.question;
      await page.getByRole("group", { name: asked }).getByRole("button").nth(option).tap();
    }
  }
  await expect(page.getByText(progressText(walk.items, 0))).toBeVisible();
  await context.close();
}

for (const walk of WALKS) {
  test(`${walk.kind}: a study from the form to its recomputed bundle: judged by keyboard and on a phone, results, filter and every download`, async ({ page, browser }) => {
    test.slow();
    const slug = await makeStudy(page, walk);
    await judgeByKeyboard(browser, slug, walk);
    await judgeOnAPhone(browser, slug, walk);

    await page.goto(`/studies/${slug}`);
    await expect(page.getByRole("heading", { name: walk.heading })).toBeVisible();
    const goal = walk.items * 2;
    await expect(page.getByText(`${goal} of ${goal} judgments (100%)`)).toBeVisible();
    await expect(page.locator('figure[data-figure="figure-1"]').getByRole("img")).toBeVisible();
    // Agreement rests on every item, each judged twice; the raters table lists both raters.
    const agreement = page.locator("tr[data-agreement]").first();
    await expect(agreement.locator('[data-cell="items"]')).toHaveText(/^\d+$/);
    expect(Number(await agreement.locator('[data-cell="items"]').innerText())).toBeGreaterThan(0);
    const raters = page.getByRole("button", { name: /^Exclude rater-/ });
    await expect(raters).toHaveCount(2);

    // The filter: one rater's judgments only, half the goal.
    const first = (await raters.first().getAttribute("aria-label"))!.replace("Exclude ", "");
    await page.getByRole("form", { name: "Filter the results" }).getByRole("listbox").selectOption(first);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText(`${walk.items} of ${goal} judgments (50%)`)).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Filtered (1 rater only)" })).toBeVisible();
    await expect(page.locator("tr[data-agreement]").first().locator('[data-cell="items"]')).toHaveText("0");

    // Every download answers, with what it says it holds.
    await page.goto(`/studies/${slug}`);
    const main = page.waitForEvent("download");
    await page.getByRole("link", { name: walk.download }).click();
    const rows = parse(readFileSync(await (await main).path(), "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThanOrEqual(goal);
    const links = await page.locator('a[href^="/api/studies/"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));
    expect(links.length).toBeGreaterThanOrEqual(7);
    for (const href of links) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
      expect((await response.body()).length, href).toBeGreaterThan(0);
    }
    const summary = parse(await (await page.request.get(`/api/studies/${slug}/export/summary`)).text(), { columns: true }) as Record<string, string>[];
    expect(summary.length).toBeGreaterThan(0);
    const ratersCsv = parse(await (await page.request.get(`/api/studies/${slug}/export/raters`)).text(), { columns: true }) as Record<string, string>[];
    expect(ratersCsv).toHaveLength(2);

    // The bundle, recomputed offline: every figure matches.
    const bundle = await (await page.request.get(`/api/studies/${slug}/export/bundle`)).text();
    expect(JSON.parse(bundle.split("\n")[0])).toMatchObject({ kind: "bundle", study: { kind: walk.kind } });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "bundle-")), `${slug}.jsonl`);
    writeFileSync(file, bundle);
    const report = execFileSync(process.execPath, ["--import", "tsx", "scripts/analyze.ts", file], { encoding: "utf8" });
    expect(report).toContain("Every figure in the bundle matches this recomputation.");
  });
}
