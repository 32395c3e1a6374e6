import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "@playwright/test";
import { expect, seed, signIn, test } from "../fixtures/test";

const samples = path.resolve("prisma/data/samples");

type Upload = { name: string; mimeType: string; buffer: Buffer };

const jsonl = (name: string, buffer: Buffer): Upload => ({ name, mimeType: "application/x-ndjson", buffer });
const sample = (name: string) => jsonl(name, readFileSync(path.join(samples, name)));

/**
 * A researcher signs in, makes a study of the given kind (by its option's label) on the form, open
 * to every rater, and imports the files, previewing first; returns its slug.
 */
async function studyThroughTheForm(page: Page, kind: string, files: Upload[], imported: string): Promise<string> {
  await signIn(page, await seed.user("researcher"));
  await page.getByRole("link", { name: "New study" }).click();
  await page.getByLabel("Title", { exact: true }).fill(`${kind.split(" ")[0]} ${Date.now()}`);
  const slug = await page.getByLabel("Slug").inputValue();
  await page.getByLabel("Target system").fill("LIMA");
  await page.getByLabel("Baselines").fill("GPT-4");
  await page.getByLabel(kind).check();
  await page.getByLabel("Every rater account may judge").check();
  await page.getByLabel("My own prompts, imported next").check();
  await page.getByRole("button", { name: "Create study" }).click();
  await expect(page.getByRole("heading", { name: "Import prompts and responses" })).toBeVisible();
  await page.getByLabel("Files (.jsonl or .csv)").setInputFiles(files);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status")).toHaveText(`Would import ${imported}`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toHaveText(`Imported ${imported}`);
  return slug;
}

/** A rater's own tab on the study's rating page. */
async function raterOn(browser: Browser, slug: string): Promise<Page> {
  const tab = await browser.newPage();
  await signIn(tab, await seed.user("rater"));
  await tab.goto(`/rate/${slug}`);
  return tab;
}

test("an absolute study: made and imported, each answer labelled Fail / Pass / Excellent, results per system and the labels' CSV", async ({ page, browser }) => {
  const slug = await studyThroughTheForm(page, "Label each answer alone as Fail, Pass or Excellent", [sample("prompts.jsonl"), sample("responses.jsonl")], "3 new prompts; 6 new responses; 6 new answers to rate.");

  // A rater labels all six answers, one at a time, never told which system wrote them.
  const tab = await raterOn(browser, slug);
  await expect(tab.getByText("0 judged · 6 to go")).toBeVisible();
  await expect(tab.getByRole("heading", { name: "Answer", exact: true })).toBeVisible();
  await expect(tab.getByRole("heading", { name: "Answer B" })).toHaveCount(0);
  await expect(tab.getByRole("main")).not.toContainText(/LIMA|GPT-4/);
  await tab.getByRole("button", { name: "Excellent: it meets it very well" }).click();
  await expect(tab.getByText("1 judged · 5 to go")).toBeVisible();
  // By keyboard: P for Pass, F for Fail.
  for (const [key, done] of [
    ["p", 2],
    ["p", 3],
    ["f", 4],
    ["e", 5],
    ["p", 6],
  ] as const) {
    await tab.keyboard.press(key);
    await expect(tab.getByText(`${done} judged · ${6 - done} to go`)).toBeVisible();
  }
  await expect(tab.getByRole("status").getByText("All done, thank you!")).toBeVisible();
  await tab.close();

  await page.goto(`/studies/${slug}`);
  await expect(page.getByRole("heading", { name: "Fail / Pass / Excellent per system" })).toBeVisible();
  const rows = page.locator("tr[data-system]");
  await expect(rows).toHaveCount(2);
  const labels = { excellent: 0, pass: 0, fail: 0 };
  for (const system of ["LIMA", "GPT-4"]) {
    const row = page.locator(`tr[data-system="${system}"]`);
    await expect(row.getByRole("cell").nth(0)).toHaveText("3");
    for (const label of ["excellent", "pass", "fail"] as const) labels[label] += Number((await row.locator(`[data-cell="${label}"]`).innerText()).match(/\((\d+)\)/)![1]);
  }
  expect(labels).toEqual({ excellent: 2, pass: 3, fail: 1 });
  // The figure in the page and as a download: each system's shares, as the table gives them.
  await expect(page.locator('figure[data-figure="figure-1"]').getByRole("img", { name: /Fail \/ Pass \/ Excellent per system/ })).toBeVisible();
  const labelFigure = await page.request.get(`/api/studies/${slug}/export/figure-1.svg`);
  expect(labelFigure.headers()["content-type"]).toContain("image/svg+xml");
  const labelSvg = await labelFigure.text();
  for (const system of ["LIMA", "GPT-4"]) {
    const shares = await Promise.all((["excellent", "pass", "fail"] as const).map(async (label) => (await page.locator(`tr[data-system="${system}"] [data-cell="${label}"]`).innerText()).split(" ")[0]));
    expect(labelSvg).toContain(`${system}: Excellent ${shares[0]}, Pass ${shares[1]}, Fail ${shares[2]} of 3 labels`);
  }
  expect((await page.request.get(`/api/studies/${slug}/export/figure-1.png`)).headers()["content-type"]).toBe("image/png");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download labels (CSV)" }).click();
  const file = await (await download).path();
  const csv = parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
  expect(csv).toHaveLength(6);
  expect(csv.map((row) => row.label).sort()).toEqual(["excellent", "excellent", "fail", "pass", "pass", "pass"]);
  expect(new Set(csv.map((row) => row.system))).toEqual(new Set(["LIMA", "GPT-4"]));
  expect(Object.keys(csv[0])).toEqual([
    "study",
    "item_id",
    "prompt_id",
    "prompt_source",
    "prompt_tags",
    "system",
    "label",
    "rationale",
    "rater",
    "participant_id",
    "participant_session_id",
    "excluded",
    "removed",
    "redacted",
    "time_on_task_ms",
    "created_at",
  ]);
});

test("a Likert study: each answer scored 1–6 with the scale shown, the mean per system with its interval, and the scores' CSV", async ({ page, browser }) => {
  const slug = await studyThroughTheForm(page, "Rate each answer's helpfulness from 1 to 6", [sample("prompts.jsonl"), sample("responses.jsonl")], "3 new prompts; 6 new responses; 6 new answers to rate.");
  const tab = await raterOn(browser, slug);
  await expect(tab.getByText("How helpful is this answer, from 1 (not helpful) to 6 (highly helpful)?")).toBeVisible();
  await expect(tab.getByRole("button", { name: "6: Highly helpful" })).toBeVisible();
  await tab.getByRole("button", { name: "1: Not helpful" }).click();
  await expect(tab.getByText("1 judged · 5 to go")).toBeVisible();
  for (const [key, done] of [
    ["2", 2],
    ["3", 3],
    ["4", 4],
    ["5", 5],
    ["6", 6],
  ] as const) {
    await tab.keyboard.press(key);
    await expect(tab.getByText(`${done} judged · ${6 - done} to go`)).toBeVisible();
  }
  await tab.close();

  await page.goto(`/studies/${slug}`);
  await expect(page.getByRole("heading", { name: "Helpfulness per system" })).toBeVisible();
  let scored = 0;
  for (const system of ["LIMA", "GPT-4"]) {
    const row = page.locator(`tr[data-system="${system}"]`);
    await expect(row.getByRole("cell").nth(0)).toHaveText("3");
    await expect(row.locator('[data-cell="mean"]')).toHaveText(/^[1-6]\.\d\d$/);
    await expect(row.locator('[data-cell="interval"]')).toHaveText(/^-?\d+\.\d\d–\d+\.\d\d$/);
    scored += Number(await row.getByRole("cell").nth(1).innerText());
  }
  expect(scored).toBe(6);
  const likertSvg = await (await page.request.get(`/api/studies/${slug}/export/figure-1.svg`)).text();
  for (const system of ["LIMA", "GPT-4"]) {
    const mean = await page.locator(`tr[data-system="${system}"] [data-cell="mean"]`).innerText();
    const interval = await page.locator(`tr[data-system="${system}"] [data-cell="interval"]`).innerText();
    expect(likertSvg).toContain(`${system}: mean ${mean} (95% interval ${interval})`);
  }
  // The LaTeX table is the pairwise summary's: a single-answer study is told where its figure is.
  expect((await page.request.get(`/api/studies/${slug}/export/results.tex`)).status()).toBe(404);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download scores (CSV)" }).click();
  const csv = parse(readFileSync(await (await download).path(), "utf8"), { columns: true }) as Record<string, string>[];
  expect(csv.map((row) => row.score).sort()).toEqual(["1", "2", "3", "4", "5", "6"]);
});

test("a multi-turn study: each assistant turn labelled, results per system and turn, and one CSV row per turn", async ({ page, browser }) => {
  const conversations = [
    { prompt_id: "q3", system: "LIMA", turns: ['How about "Flour Power"?', 'Or "The Rolling Pin"!'] },
    { prompt_id: "q3", system: "GPT-4", turns: ['"Knead to Know".'] },
  ];
  const slug = await studyThroughTheForm(
    page,
    "Label each assistant turn of a conversation as Fail, Pass or Excellent",
    [sample("prompts.jsonl"), jsonl("conversations.jsonl", Buffer.from(conversations.map((line) => JSON.stringify(line)).join("\n")))],
    "3 new prompts; 2 new responses; 2 new conversations to rate.",
  );
  const tab = await raterOn(browser, slug);
  for (let done = 0; done < 2; done++) {
    await expect(tab.getByText(`${done} judged · ${2 - done} to go`)).toBeVisible();
    const submit = tab.getByRole("button", { name: "Submit the labels" });
    const turns = tab.getByRole("group", { name: /^Turn \d$/ });
    const count = await turns.count();
    await expect(submit).toBeDisabled();
    // The first turn excellent, every later one a fail.
    for (let i = 0; i < count; i++) await turns.nth(i).getByLabel(i === 0 ? "Excellent" : "Fail").check();
    await submit.click();
  }
  await expect(tab.getByRole("status").getByText("All done, thank you!")).toBeVisible();
  await tab.close();

  await page.goto(`/studies/${slug}`);
  await expect(page.getByRole("heading", { name: "Fail / Pass / Excellent per system and turn" })).toBeVisible();
  await expect(page.locator('tr[data-system="LIMA, all turns"] [data-cell="excellent"]')).toHaveText(/^50% \(1\)/);
  await expect(page.locator('tr[data-system="LIMA, turn 2"] [data-cell="fail"]')).toHaveText(/^100% \(1\)/);
  await expect(page.locator('tr[data-system="GPT-4, turn 1"] [data-cell="excellent"]')).toHaveText(/^100% \(1\)/);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download labels (CSV)" }).click();
  const csv = parse(readFileSync(await (await download).path(), "utf8"), { columns: true }) as Record<string, string>[];
  expect(csv.map((row) => [row.system, row.turn, row.label]).sort()).toEqual([
    ["GPT-4", "1", "excellent"],
    ["LIMA", "1", "excellent"],
    ["LIMA", "2", "fail"],
  ]);
});
