import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

test("a researcher previews the raters' view of their study: the same page, and nothing is recorded or handed out", async ({ page, browser }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, baselines: ["Claude"], createdById: researcher.id, openToAllRaters: false });
  await db().study.update({ where: { id: study.id }, data: { raterTitle: "Which answer helps more?" } });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  await page.getByRole("link", { name: "Preview as a rater" }).click();
  await expect(page).toHaveURL(`/studies/${study.slug}/preview`);

  await expect(page.getByRole("note", { name: "Preview" })).toContainText("Nothing you do here is recorded");
  await expect(page.getByRole("heading", { name: "Which answer helps more?" })).toBeVisible();
  await expect(page.getByText("Pick the answer that best satisfies your needs.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Pair to judge" })).toContainText(`Question 1 of ${study.slug}?`);
  await expect(page.getByText("Example 1 of 2")).toBeVisible();

  await page.getByRole("button", { name: "Answer A is significantly better" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Preview: this choice was not recorded." })).toBeVisible();
  await page.keyboard.press("n");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Preview: nothing was taken back")).toBeVisible();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: "Next example" }).click();
  await expect(page.getByText("Example 2 of 2")).toBeVisible();
  await expect(page.getByRole("region", { name: "Pair to judge" })).toContainText(`Question 2 of ${study.slug}?`);
  expect(await db().assignment.count({ where: { pair: { studyId: study.id } } })).toBe(0);
  expect(await db().judgment.count({ where: { studyId: study.id } })).toBe(0);

  // Another researcher, or a rater, cannot preview it.
  for (const role of ["researcher", "rater"] as const) {
    const other = await browser.newPage();
    await signIn(other, await seed.user(role));
    await other.goto(`/studies/${study.slug}/preview`);
    if (role === "researcher") await expect(other.getByRole("heading", { name: "Not found" })).toBeVisible();
    else await expect(other).not.toHaveURL(/\/preview$/);
    await other.close();
  }
});

test("a single-answer study's preview shows one answer and its labels", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 1, baselines: ["Claude"], createdById: researcher.id, kind: "absolute" });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}/preview`);
  await expect(page.getByRole("heading", { name: "Answer", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Fail: it does not meet the request" })).toBeVisible();
  await page.keyboard.press("e");
  await expect(page.getByRole("status").filter({ hasText: "Preview: this choice was not recorded." })).toBeVisible();
});
