import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

// 60 prompts: more than one page of 50. p5 is the one to find; Alpaca 65B has not answered it.
const prompts = Array.from({ length: 60 }, (_, i) =>
  i === 4 ? { text: "Compare the planets in a table.", tags: ["astronomy"], answeredBy: ["LIMA", "GPT-4"] } : {},
);

const markdownTable = "| Planet | Moons |\n| --- | --- |\n| Earth | 1 |\n| Mars | 2 |\n\n~~Pluto~~ is not a planet any more.";

test("a researcher searches, filters and pages through prompts, then reads each system's response to one", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts, baselines: ["Alpaca 65B", "GPT-4"], createdById: researcher.id });
  await db().response.updateMany({
    where: { prompt: { studyId: study.id, externalId: "p5" }, system: { name: "GPT-4" } },
    data: { text: markdownTable },
  });

  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  await page.getByRole("link", { name: "Browse prompts" }).click();
  const rows = page.getByRole("table").getByRole("row");
  await expect(page.getByText("60 prompts", { exact: true })).toBeVisible();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(rows).toHaveCount(1 + 50);
  await expect(page.getByRole("link", { name: "Previous" })).toHaveCount(0);

  // Every prompt but p5 reads "Question N of …?"; the search ignores case, and paging keeps it.
  await page.getByLabel("Search prompts").fill("QUESTION");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("59 prompts", { exact: true })).toBeVisible();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]q=QUESTION&page=2$/);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(page.getByText("59 prompts", { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(1 + 9);
  await expect(page.getByRole("link", { name: "Next" })).toHaveCount(0);
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();

  await page.getByLabel("Source", { exact: true }).selectOption("reddit-askreddit");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("30 prompts", { exact: true })).toBeVisible();
  await expect(page.getByText("Page 1 of 1")).toBeVisible();

  await page.getByLabel("Search prompts").fill("");
  await page.getByLabel("Source", { exact: true }).selectOption("");
  await page.getByLabel("Tag", { exact: true }).selectOption("astronomy");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("1 prompt", { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByRole("cell")).toHaveText(["p5", "Compare the planets in a table.", "author-written", "astronomy", "2"]);

  await page.getByRole("link", { name: "Prompt p5" }).click();
  await expect(page.getByRole("heading", { name: "Prompt p5" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Prompt", exact: true })).toContainText("Compare the planets in a table.");
  const lima = page.getByRole("article", { name: "LIMA" });
  await expect(lima.getByRole("heading")).toContainText("target");
  await expect(lima).toContainText("Response of system 0 to question 5.");
  const gpt4 = page.getByRole("article", { name: "GPT-4" });
  await expect(gpt4.getByRole("heading")).not.toContainText("target");
  await expect(gpt4.getByRole("table").getByRole("row")).toHaveCount(3);
  await expect(gpt4.getByRole("columnheader")).toHaveText(["Planet", "Moons"]);
  await expect(gpt4.getByRole("row", { name: "Mars 2" })).toBeVisible();
  await expect(gpt4.locator("del")).toHaveText("Pluto");
  await expect(gpt4).not.toContainText("| Planet |");
  await expect(page.getByRole("article")).toHaveCount(2);
  await expect(page.getByRole("note")).toHaveText("No response to this prompt from Alpaca 65B.");

  await page.getByRole("link", { name: /All prompts/ }).click();
  await expect(page.getByText("60 prompts", { exact: true })).toBeVisible();
});

test("a rater who opens the prompt pages is sent to their own studies", async ({ page }) => {
  const study = await seed.study({ prompts: 1 });
  const prompt = await db().prompt.findFirstOrThrow({ where: { studyId: study.id } });
  const rater = await seed.user("rater");
  await signIn(page, rater);

  for (const path of [`/studies/${study.slug}/prompts`, `/studies/${study.slug}/prompts/${prompt.id}`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/rate$/);
  }
});
