import { devices } from "@playwright/test";
import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

test("the keyboard help lists this study's keys, opens with ? or H, closes with Escape, and gives focus back; no key judges while it is open", async ({ page }) => {
  const study = await seed.study({ prompts: 2, baselines: ["Claude"] });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "Answer A" })).toBeVisible();

  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toHaveCount(0);
  await page.keyboard.press("?");
  await expect(help).toBeVisible();
  for (const text of ["Answer A is significantly better", "Answer B is significantly better", "Neither is significantly better", "Skip this item", "Report a problem", "Undo your last choice", "Close this list"]) {
    await expect(help).toContainText(text);
  }
  for (const key of ["A", "B", "N", "S", "R", "U", "?", "H", "Esc"]) await expect(help.locator("kbd", { hasText: new RegExp(`^${key.replace("?", "\\?")}$`) })).toHaveCount(1);
  await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
  // The options' keys do nothing while the help is open.
  await page.keyboard.press("a");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(0);

  // H opens it too, and the button beside skip and report; focus goes back to where it was.
  const button = page.getByRole("button", { name: "Keyboard shortcuts" });
  await button.click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press("h");
  await expect(help).toBeVisible();
  await page.keyboard.press("h");
  await expect(help).toBeHidden();
});

test("a single-answer study's help lists its own options' keys", async ({ page }) => {
  const study = await seed.study({ prompts: 1, baselines: ["Claude"], kind: "absolute" });
  await signIn(page, await seed.user("rater"));
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Fail: it does not meet the request");
  await expect(help).toContainText("Excellent: it meets it very well");
  await expect(help).not.toContainText("Answer A");
});

test("S opens the skip form and R the report form, their first field focused, and the keyboard goes on from there", async ({ page }) => {
  const study = await seed.study({ prompts: 2, baselines: ["Claude"] });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("0 judged · 2 to go")).toBeVisible();
  await page.waitForLoadState("networkidle");

  await page.keyboard.press("r");
  await expect(page.getByLabel("Problem")).toBeFocused();
  await page.getByLabel("Problem").selectOption("broken");
  await page.getByRole("button", { name: "Report", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "the problem is reported" })).toBeVisible();
  expect(await db().flag.count({ where: { raterId: rater.id } })).toBe(1);

  await page.keyboard.press("s");
  await expect(page.getByLabel("Reason")).toBeFocused();
  await page.getByLabel("Reason").selectOption("The content is broken");
  // The report's request may still be settling: the buttons stay disabled until it has.
  await expect(page.getByRole("button", { name: "Skip", exact: true })).toBeEnabled();
  await page.getByRole("button", { name: "Skip", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("0 judged · 1 to go")).toBeVisible();
  expect(await db().assignment.count({ where: { raterId: rater.id, status: "skipped" } })).toBe(1);
});

test("key badges show beside the options with a mouse and keyboard, and not on a touch screen", async ({ page, browser }) => {
  const study = await seed.study({ prompts: 1, baselines: ["Claude"] });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");
  const option = page.getByRole("button", { name: "Answer A is significantly better" });
  await expect(option.locator("kbd")).toBeVisible();
  await expect(page.getByRole("button", { name: "Keyboard shortcuts" })).toBeVisible();

  const phone = await browser.newContext({ ...devices["Pixel 7"] });
  const tab = await phone.newPage();
  await signIn(tab, rater);
  await tab.goto(`/rate/${study.slug}`);
  await tab.waitForLoadState("networkidle");
  const tapped = tab.getByRole("button", { name: "Answer A is significantly better" });
  await expect(tapped).toBeVisible();
  await expect(tapped.locator("kbd")).toBeHidden();
  await expect(tab.getByRole("button", { name: "Keyboard shortcuts" })).toBeHidden();
  await phone.close();
});
