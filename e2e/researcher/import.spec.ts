import path from "node:path";
import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

const samples = path.resolve("prisma/data/samples");

test("a researcher creates a study, sees a broken file's line-numbered errors, then previews and imports good files", async ({ page }) => {
  const researcher = await seed.user("researcher");
  await signIn(page, researcher);
  await page.getByRole("link", { name: "New study" }).click();

  await page.getByLabel("Title", { exact: true }).fill(`Imported ${Date.now()}`);
  const slug = await page.getByLabel("Slug").inputValue();
  expect(slug).toMatch(/^imported-\d+$/);
  await page.getByLabel("Target system").fill("LIMA");
  await page.getByLabel("Baselines").fill("GPT-4");
  await page.getByLabel("Raters per pair (k)").fill("3");
  await page.getByLabel("Ask raters why").selectOption("optional");
  await page.getByLabel("Gold pairs, % of each rater's pairs").fill("10");
  await page.getByLabel("A rater sees each prompt once").check();
  await page.getByLabel("My own prompts, imported next").check();
  await page.getByRole("button", { name: "Create study" }).click();
  await expect(page.getByRole("heading", { name: "Import prompts and responses" })).toBeVisible();

  // A broken file: nothing is imported, and each error names its file, line and field.
  await page.getByLabel("Files (.jsonl or .csv)").setInputFiles({
    name: "broken.jsonl",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from('{"id": "q1", "text": "fine"}\n{"id": "q2", "text": ""}\n{"id": "q3", "text": "ok", "colour": "red"}\nnot json\n'),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status")).toHaveText("Nothing was imported: 3 errors found. Fix them and import the files again.");
  const errors = page.getByRole("table").filter({ hasText: "Problem" }).getByRole("row");
  await expect(errors).toHaveCount(4);
  await expect(errors.nth(1)).toContainText("broken.jsonl2textmust not be empty");
  await expect(errors.nth(2)).toContainText("broken.jsonl3colouris not a known field");
  await expect(errors.nth(3)).toContainText("broken.jsonl4(line)is not valid JSON");
  await expect(page.getByRole("button", { name: "Import" })).toBeDisabled();

  // Good files: one of them holds one system's responses, named on the page.
  await page.getByLabel("Files (.jsonl or .csv)").setInputFiles([
    path.join(samples, "prompts.jsonl"),
    path.join(samples, "responses.jsonl"),
    path.join(samples, "responses-alpaca.csv"),
  ]);
  await page.getByLabel("System of responses-alpaca.csv").fill("Alpaca 65B");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status")).toHaveText("Would import 3 new prompts; 9 new responses; 1 new system (Alpaca 65B); 6 new pairs.");
  const study = await db().study.findUniqueOrThrow({ where: { slug } });
  expect(study).toMatchObject({ judgmentsPerPair: 3, rationaleMode: "optional", goldRate: 0.1, promptOncePerRater: true, leaseSeconds: 900 });
  expect(await db().prompt.count({ where: { studyId: study.id } })).toBe(0);

  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toHaveText("Imported 3 new prompts; 9 new responses; 1 new system (Alpaca 65B); 6 new pairs.");
  expect(await db().response.count({ where: { prompt: { studyId: study.id } } })).toBe(9);

  await page.getByRole("link", { name: "Go to the study" }).click();
  await expect(page.locator('tr[data-baseline="GPT-4"]')).toBeVisible();
  await expect(page.locator('tr[data-baseline="Alpaca 65B"]')).toBeVisible();
});

test("raters cannot import", async ({ page }) => {
  const study = await seed.study({ prompts: 1 });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/studies/${study.slug}/import`);
  await expect(page).toHaveURL(/\/rate$/);
  const response = await page.request.post(`/api/studies/${study.slug}/import`, { multipart: { file: { name: "p.jsonl", mimeType: "text/plain", buffer: Buffer.from('{"id":"x","text":"y"}\n') } } });
  expect(response.status()).toBe(403);
  expect(await db().prompt.count({ where: { studyId: study.id } })).toBe(1);
});
