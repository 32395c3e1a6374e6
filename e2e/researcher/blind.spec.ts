import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

test("the new-study form keeps one prompt per rater unless turned off, and says what turning it off costs", async ({ page }) => {
  const researcher = await seed.user("researcher");
  await signIn(page, researcher);
  await page.goto("/studies/new");
  const once = page.getByLabel("A rater sees each prompt once");
  await expect(once).toBeChecked();
  await expect(page.getByText("Recommended: it keeps the blind.")).toBeVisible();
  await once.uncheck();
  await expect(page.getByText(/the blind no longer holds for them/)).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(`Repeating prompts ${Date.now()}`);
  await page.getByLabel("Target system").fill("LIMA");
  await page.getByLabel("Baselines").fill("GPT-4");
  await page.getByLabel("My own prompts, imported next").check();
  await page.getByRole("button", { name: "Create study" }).click();
  await expect(page).toHaveURL(/\/import$/);
  const slug = new URL(page.url()).pathname.split("/")[2];
  expect((await db().study.findUniqueOrThrow({ where: { slug } })).promptOncePerRater).toBe(false);
});

test("a researcher sees the answers that name their writer and hides the names from raters", async ({ page, browser }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 1, baselines: ["GPT-4"], createdById: researcher.id });
  const lima = await db().response.findFirstOrThrow({ where: { prompt: { studyId: study.id }, system: { name: "LIMA" } } });
  await db().response.update({ where: { id: lima.id }, data: { text: "I'm Claude, made by Anthropic. Here is my answer." } });

  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "Answers that name their writer" }) });
  // Stored before any scan: the scan finds it.
  await expect(section).toContainText("No answer names a model");
  await section.getByRole("button", { name: "Scan the answers again" }).click();
  await expect(section).toContainText("1 answer names a model, its maker or a system of this study");
  await section.getByText("The answers", { exact: true }).click();
  await expect(section.getByRole("row").nth(1)).toContainText("LIMA“I'm Claude”, “Anthropic”");
  await section.getByLabel("Hide the names from raters").check();
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section).toContainText("with the names replaced by neutral words");

  const rater = await seed.user("rater");
  const raterPage = await browser.newPage();
  await signIn(raterPage, rater);
  await raterPage.goto(`/rate/${study.slug}`);
  await expect(raterPage.getByText("I'm [assistant], made by [company]. Here is my answer.")).toBeVisible();
  await expect(raterPage.getByText("Claude")).toHaveCount(0);
  await raterPage.close();
});
