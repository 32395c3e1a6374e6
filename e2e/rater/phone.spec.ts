import { devices } from "@playwright/test";
import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

test("on a phone the instructions start folded, the choices come without scrolling past them, and after a choice the page is back at the top of the new item", async ({ browser }) => {
  const study = await seed.study({ prompts: 3, baselines: ["Claude"] });
  // Long instructions and long answers, as real studies have.
  await db().study.update({ where: { id: study.id }, data: { instructions: Array.from({ length: 30 }, (_, i) => `Instruction paragraph ${i + 1}.`).join("\n\n") } });
  await db().response.updateMany({ where: { prompt: { studyId: study.id } }, data: { text: Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of a long answer.`).join("\n\n") } });
  const rater = await seed.user("rater");
  const context = await browser.newContext({ ...devices["Pixel 7"] });
  const page = await context.newPage();
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.waitForLoadState("networkidle");

  await expect(page.getByText("0 judged · 3 to go")).toBeVisible();
  await expect(page.getByText("Instruction paragraph 1.")).toBeHidden();
  await expect(page.getByText("tap to read them before your first choice")).toBeVisible();
  // The question starts on the first screen; the choices follow the answers.
  await expect(page.getByRole("heading", { name: "Question" })).toBeInViewport();

  // Read to the end, choose, and the next item starts at the top of the screen.
  const choice = page.getByRole("button", { name: "Answer B is significantly better" });
  await choice.scrollIntoViewIfNeeded();
  await expect(page.getByRole("heading", { name: "Question" })).not.toBeInViewport();
  await choice.tap();
  await expect(page.getByText("1 judged · 2 to go")).toBeAttached();
  await expect(page.getByRole("heading", { name: "Question" })).toBeInViewport();
  await expect(page.getByRole("button", { name: "Undo" })).toBeInViewport();

  // The instructions can still be read.
  await page.getByText("Instructions", { exact: true }).tap();
  await expect(page.getByText("Instruction paragraph 1.")).toBeVisible();
  await context.close();
});
