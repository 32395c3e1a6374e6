import { parse } from "csv-parse/sync";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { expect, seed, signIn, test } from "../fixtures/test";

const BOTH_BAD = "Both are bad";
const NOT_OFFERED = 'This study does not offer "Both are bad", so nothing was recorded: choose answer A, answer B or neither.';

test('where the study offers it, a rater answers "Both are bad" by its button or X, listed in the keyboard help, and it is stored as a tie', async ({ page }) => {
  const study = await seed.study({ prompts: 3, baselines: ["Claude"], offerBothBad: true });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("0 judged · 3 to go")).toBeVisible();

  // A fourth button after the paper's three, with its key shown.
  const choices = page.getByRole("group", { name: "Which answer best satisfies your needs?" }).getByRole("button");
  await expect(choices).toHaveText([/Answer A is significantly better/, /Answer B is significantly better/, /Neither is significantly better/, /Both are bad/]);
  await expect(page.getByRole("button", { name: BOTH_BAD })).toHaveAttribute("aria-keyshortcuts", "X");

  // The keyboard help lists it with its key.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText(BOTH_BAD);
  await expect(help.locator("kbd", { hasText: /^X$/ })).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // By key.
  await page.keyboard.press("x");
  await expect(page.getByText("1 judged · 2 to go")).toBeVisible();
  // By its button.
  await page.getByRole("button", { name: BOTH_BAD }).click();
  await expect(page.getByText("2 judged · 1 to go")).toBeVisible();
  const judgments = await db().judgment.findMany({ where: { raterId: rater.id }, select: { choice: true, verdict: true } });
  expect(judgments).toEqual([
    { choice: "both_bad", verdict: "tie" },
    { choice: "both_bad", verdict: "tie" },
  ]);
});

test('where the study does not offer it, there is no fourth button, X does nothing, and the API refuses "both_bad", writing nothing', async ({ page }) => {
  const study = await seed.study({ prompts: 2, baselines: ["Claude"] });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("0 judged · 2 to go")).toBeVisible();
  await expect(page.getByRole("button", { name: "Neither is significantly better" })).toBeVisible();
  await expect(page.getByRole("button", { name: BOTH_BAD })).toHaveCount(0);
  await page.keyboard.press("x");
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).not.toContainText(BOTH_BAD);
  await page.keyboard.press("Escape");
  await expect(page.getByText("0 judged · 2 to go")).toBeVisible();

  const api = page.request;
  const { pair } = await (await api.get(`/api/rate/${study.slug}/next`)).json();
  const refused = await api.post(`/api/rate/${study.slug}/judgments`, { data: { assignmentId: pair.assignmentId, choice: "both_bad" } });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ error: NOT_OFFERED });
  expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(0);
  // The same pair is still the rater's to judge with one of the three.
  const judged = await api.post(`/api/rate/${study.slug}/judgments`, { data: { assignmentId: pair.assignmentId, choice: "neither" } });
  expect(judged.status()).toBe(200);
  expect(await judged.json()).toMatchObject({ outcome: "recorded" });
});

test("a researcher offers it in the settings, seen in the history; the rater gets it at once; the results and the summary count it among the ties", async ({ page, browser }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 4, baselines: ["Claude"], createdById: researcher.id });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}/settings`);
  await page.waitForLoadState("networkidle");
  const box = page.getByRole("checkbox", { name: /Offer raters a fourth option, .Both are bad./ });
  await expect(box).not.toBeChecked();
  await box.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  expect((await db().study.findUniqueOrThrow({ where: { id: study.id } })).offerBothBad).toBe(true);

  // The rater's page offers it now: two "Both are bad", one "neither", one win for the target.
  const rater = await seed.user("rater");
  const raterPage = await browser.newPage();
  await signIn(raterPage, rater);
  await raterPage.goto(`/rate/${study.slug}`);
  await raterPage.waitForLoadState("networkidle");
  await expect(raterPage.getByText("0 judged · 4 to go")).toBeVisible();
  await raterPage.keyboard.press("x");
  await expect(raterPage.getByText("1 judged · 3 to go")).toBeVisible();
  await raterPage.getByRole("button", { name: BOTH_BAD }).click();
  await expect(raterPage.getByText("2 judged · 2 to go")).toBeVisible();
  await raterPage.keyboard.press("n");
  await expect(raterPage.getByText("3 judged · 1 to go")).toBeVisible();
  await raterPage.close();
  const last = await nextAssignment(study.id, rater.id);
  const { targetSide } = await db().assignment.findUniqueOrThrow({ where: { id: last!.assignmentId } });
  await judgeInOwnStudy(rater.id, { assignmentId: last!.assignmentId, choice: targetSide });

  // The results: three ties of four, two of them "Both are bad" (50% of the judgments).
  await page.goto(`/studies/${study.slug}`);
  await expect(page.getByRole("columnheader", { name: "Both are bad", exact: true })).toBeVisible();
  const row = page.locator('tr[data-baseline="Claude"]');
  await expect(row.locator('[data-cell="tie"]')).toHaveText("75% (3)");
  await expect(row.locator('[data-cell="both-bad"]')).toHaveText("50% (2)");
  await expect(row).toContainText("2 of 3 tied judgments");
  // Counted in judgments under the majority view too.
  await page.getByRole("link", { name: "One verdict per pair, by majority" }).click();
  await expect(page.locator('tr[data-baseline="Claude"] [data-cell="both-bad"]')).toHaveText("50% (2)");

  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`${researcher.email}: "Both are bad" not offered → offered`);

  const summary = await page.request.get(`/api/studies/${study.slug}/export/summary`);
  const [claude] = parse(await summary.text(), { columns: true }) as Record<string, string>[];
  expect(claude).toMatchObject({ baseline: "Claude", ties: "3", both_bad: "2", both_bad_share: "0.5000" });
  const judgments = parse(await (await page.request.get(`/api/studies/${study.slug}/export/judgments`)).text(), { columns: true }) as Record<string, string>[];
  expect(judgments.filter((j) => j.side_chosen === "both_bad").map((j) => j.verdict)).toEqual(["tie", "tie"]);
});

test("the new-study form offers the box for a pairwise study only, and a study made with it lists the option in its instructions", async ({ page }) => {
  const researcher = await seed.user("researcher");
  await signIn(page, researcher);
  await page.goto("/studies/new");
  await page.waitForLoadState("networkidle");
  const box = page.getByRole("checkbox", { name: /Offer raters a fourth option, .Both are bad./ });
  await expect(box).toBeVisible();
  await page.getByLabel("Label each answer alone", { exact: false }).check();
  await expect(box).toHaveCount(0);
  await page.getByLabel("Judge two answers side by side", { exact: false }).check();
  await expect(box).toBeVisible();

  const slug = `both-bad-${Date.now()}`;
  await page.getByLabel("Title", { exact: true }).fill("Both bad from the form");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Target system").fill("LIMA");
  await page.getByLabel("Baselines").fill("GPT-4");
  await page.getByLabel("My own prompts, imported next").check();
  await box.check();
  await page.getByRole("button", { name: "Create study" }).click();
  await expect(page).toHaveURL(new RegExp(`/studies/${slug}/import`));
  const study = await db().study.findUniqueOrThrow({ where: { slug }, select: { offerBothBad: true, instructions: true } });
  expect(study.offerBothBad).toBe(true);
  expect(study.instructions).toContain("**Both are bad**");
});
