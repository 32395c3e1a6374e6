import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

test("a researcher marks a pair gold on its prompt's page", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 1, baselines: ["Alpaca 65B", "GPT-4"], createdById: researcher.id });
  const prompt = await db().prompt.findFirstOrThrow({ where: { studyId: study.id } });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}/prompts/${prompt.id}`);

  const row = page.locator("form").filter({ hasText: "LIMA vs GPT-4" });
  await row.getByLabel("LIMA vs GPT-4").selectOption("tie");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved.");
  const gold = await db().pair.findFirstOrThrow({ where: { studyId: study.id, baselineResponse: { system: { name: "GPT-4" } } } });
  expect(gold.goldVerdict).toBe("tie");

  await page.reload();
  await expect(page.getByLabel("LIMA vs GPT-4")).toHaveValue("tie");
  await expect(page.getByLabel("LIMA vs Alpaca 65B")).toHaveValue("none");
});
