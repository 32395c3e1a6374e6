import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

async function studyWithRichContent() {
  const study = await seed.study({ prompts: 3, baselines: ["Claude"], rationaleMode: "optional" });
  const prompts = await db().prompt.findMany({ where: { studyId: study.id }, orderBy: { position: "asc" } });
  await db().prompt.update({
    where: { id: prompts[0].id },
    data: { history: [{ role: "user", content: "Earlier question" }, { role: "assistant", content: "Earlier answer" }] },
  });
  await db().response.updateMany({
    where: { promptId: prompts[0].id },
    data: { text: "Here:\n\n```python\nprint('hi')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>window.hacked = true</script>" },
  });
  return study;
}

test("a rater works by keyboard alone: judges, skips, flags, reloads to resume, and reaches the end", async ({ page }) => {
  const study = await studyWithRichContent();
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await expect(page.getByText("0 judged · 3 to go")).toBeVisible();

  // Rich content renders, and raw HTML in a response stays inert text.
  const firstQuestion = await page.getByRole("region", { name: "Pair to judge" }).locator("h2").first().innerText();
  if (firstQuestion.includes("last message")) {
    await expect(page.getByRole("list", { name: "Earlier in the conversation" })).toContainText("Earlier answer");
    await expect(page.locator("pre code.language-python").first()).toBeVisible();
    await expect(page.getByRole("table").first()).toBeVisible();
  }
  expect(await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();

  // A reload gives back the same pair.
  const question = async () => page.getByRole("region", { name: "Pair to judge" }).locator("div").first().innerText();
  const before = await question();
  await page.reload();
  expect(await question()).toBe(before);

  // Judge with a rationale typed in the box, then the shortcut key once focus has left the box.
  await page.getByLabel("Why? (optional)").focus();
  await page.keyboard.type("Clearer and shorter.");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("a");
  await expect(page.getByText("1 judged · 2 to go")).toBeVisible();
  const judgment = await db().judgment.findFirstOrThrow({ where: { raterId: rater.id } });
  expect(judgment).toMatchObject({ choice: "left", rationale: "Clearer and shorter." });

  // Report a problem with the keyboard: the rater stays on the pair.
  const pairBeforeFlag = await question();
  await page.getByText("Report a problem").focus();
  await page.keyboard.press("Enter");
  // A native select's own keyboard handling is the browser's; choosing through it is not under test.
  await page.getByLabel("Problem").selectOption("offensive");
  await page.getByRole("button", { name: "Report", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "the problem is reported" })).toBeVisible();
  expect(await question()).toBe(pairBeforeFlag);
  expect(await db().flag.findFirstOrThrow({ where: { raterId: rater.id } })).toMatchObject({ reason: "offensive" });

  // Skip with a reason, by keyboard.
  await page.getByText("Skip this pair").focus();
  await page.keyboard.press("Enter");
  await page.getByLabel("Reason").selectOption("The content is broken");
  await expect(page.getByRole("button", { name: "Skip", exact: true })).toBeEnabled();
  await page.getByRole("button", { name: "Skip", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("1 judged · 1 to go")).toBeVisible();
  expect(await db().assignment.findFirstOrThrow({ where: { raterId: rater.id, status: "skipped" } })).toMatchObject({ skipReason: "The content is broken" });

  // Sign out and back in: still the same pair.
  const last = await question();
  await page.context().clearCookies();
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  expect(await question()).toBe(last);

  await page.keyboard.press("n");
  await expect(page.getByRole("status").getByText("All done, thank you!")).toBeVisible();
  await expect(page.getByText("2 judged · 0 to go")).toBeVisible();
});

test("the rating page works at 375 pixels wide, answers stacked, nothing wider than the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const study = await studyWithRichContent();
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  const a = await page.getByRole("article", { name: "Answer A" }).boundingBox();
  const b = await page.getByRole("article", { name: "Answer B" }).boundingBox();
  expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByRole("button", { name: "Answer B is significantly better" }).click();
  await expect(page.getByText("1 judged · 2 to go")).toBeVisible();
});

test("a required rationale is asked for before the choice is taken", async ({ page }) => {
  const study = await seed.study({ prompts: 1, baselines: ["Claude"], rationaleMode: "required" });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.getByRole("button", { name: "Answer A is significantly better" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "say briefly why" })).toBeVisible();
  await expect(page.getByLabel("Why? (required)")).toBeFocused();
  await page.keyboard.type("Answer A is correct.");
  await page.getByRole("button", { name: "Answer A is significantly better" }).click();
  await expect(page.getByText("All done, thank you!")).toBeVisible();
});
