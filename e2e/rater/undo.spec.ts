import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

test("after a choice the page offers Undo, by button or U: the judgment is taken back and the same pair comes back", async ({ page }) => {
  const study = await seed.study({ prompts: 3, baselines: ["Claude"] });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");
  const question = page.getByRole("heading", { name: "Question" }).locator("..");
  const undo = page.getByRole("button", { name: "Undo" });
  await expect(undo).toHaveCount(0);

  // By key.
  const first = await question.innerText();
  await page.keyboard.press("a");
  await expect(page.getByText("1 judged · 2 to go")).toBeVisible();
  await expect(undo).toBeVisible();
  expect(await question.innerText()).not.toBe(first);
  await page.keyboard.press("u");
  await expect(page.getByText("0 judged · 3 to go")).toBeVisible();
  await expect(page.getByText("Your last choice was taken back: choose again.")).toBeVisible();
  await expect(undo).toHaveCount(0);
  expect(await question.innerText()).toBe(first);
  expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(0);

  // Judged again, the other way; then by the button.
  await page.keyboard.press("b");
  await expect(page.getByText("1 judged · 2 to go")).toBeVisible();
  expect((await db().judgment.findFirstOrThrow({ where: { raterId: rater.id } })).choice).toBe("right");
  const second = await question.innerText();
  await page.keyboard.press("n");
  await expect(page.getByText("2 judged · 1 to go")).toBeVisible();
  await undo.click();
  await expect(page.getByText("1 judged · 2 to go")).toBeVisible();
  expect(await question.innerText()).toBe(second);

  // Skipping (or reporting) the pair after a choice ends its undo.
  await page.keyboard.press("n");
  await expect(page.getByText("2 judged · 1 to go")).toBeVisible();
  await expect(undo).toBeVisible();
  await page.getByText("Skip this pair").click();
  await expect(page.getByRole("button", { name: "Skip", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Skip", exact: true }).click();
  await expect(page.getByText("All done, thank you!")).toBeVisible();
  await expect(undo).toHaveCount(0);
});

test("the last choice of a study can be undone from the end screen; a late undo is refused and keeps the judgment", async ({ page }) => {
  const study = await seed.study({ prompts: 2, baselines: ["Claude"] });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");
  // Keys work once the page's script runs.
  await expect(page.getByText("0 judged · 2 to go")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("a");
  await expect(page.getByText("1 judged · 1 to go")).toBeVisible();
  await page.keyboard.press("b");
  await expect(page.getByRole("status").getByText("All done, thank you!")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("1 judged · 1 to go")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Answer A" })).toBeVisible();

  // More than a minute later (the clock moved on in the database): refused, said, nothing lost.
  await page.keyboard.press("n");
  await expect(page.getByRole("status").getByText("All done, thank you!")).toBeVisible();
  const [latest, earlier] = await db().judgment.findMany({ where: { raterId: rater.id }, orderBy: { createdAt: "desc" } });
  await db().judgment.update({ where: { id: earlier.id }, data: { createdAt: new Date(Date.now() - 180_000) } });
  await db().judgment.update({ where: { id: latest.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "A judgment can be taken back only for a minute after it, so this one stays recorded." })).toBeVisible();
  expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(2);
  await expect(page.getByText("2 judged · 0 to go")).toBeVisible();
});

test("the rater's API takes back the last judgment and answers with the same pair", async ({ page }) => {
  const study = await seed.study({ prompts: 2, baselines: ["Claude"] });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  const api = page.request;
  const { pair } = await (await api.get(`/api/rate/${study.slug}/next`)).json();
  const judged = await api.post(`/api/rate/${study.slug}/judgments`, { data: { assignmentId: pair.assignmentId, choice: "left" } });
  expect((await judged.json()).progress).toMatchObject({ done: 1 });
  const undone = await api.post(`/api/rate/${study.slug}/undo`, { data: { assignmentId: pair.assignmentId } });
  expect(undone.status()).toBe(200);
  const body = await undone.json();
  expect(body).toMatchObject({ outcome: "undone", pair: { assignmentId: pair.assignmentId }, progress: { done: 0 } });
  // Twice: nothing is left to take back.
  const again = await api.post(`/api/rate/${study.slug}/undo`, { data: { assignmentId: pair.assignmentId } });
  expect(again.status()).toBe(409);
  expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(0);
});
