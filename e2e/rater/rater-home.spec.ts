import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

test("the rater's home lists each study by its title for raters, its kind, the rater's progress and whether they are done", async ({ page }) => {
  const rater = await seed.user("rater");
  const pairwise = await seed.study({ prompts: 2, baselines: ["Claude"], openToAllRaters: false });
  const absolute = await seed.study({ prompts: 1, baselines: ["Claude"], openToAllRaters: false, kind: "absolute" });
  // The researchers' titles may name systems; raters never see them.
  await db().study.update({ where: { id: pairwise.id }, data: { title: "LIMA vs Claude (internal)", raterTitle: "Which answer helps more?" } });
  await db().study.update({ where: { id: absolute.id }, data: { title: "LIMA alone (internal)", raterTitle: "Is this answer good?" } });
  await seed.letIn(pairwise.id, rater.id);
  await seed.letIn(absolute.id, rater.id);

  await signIn(page, rater);
  await page.goto("/rate");
  const pairwiseRow = page.locator(`li[data-study="${pairwise.slug}"]`);
  const absoluteRow = page.locator(`li[data-study="${absolute.slug}"]`);
  await expect(pairwiseRow.getByRole("link", { name: "Which answer helps more?" })).toBeVisible();
  await expect(pairwiseRow).toContainText("pairwise");
  await expect(pairwiseRow).toContainText("0 judged · 2 to go");
  await expect(absoluteRow.getByRole("link", { name: "Is this answer good?" })).toBeVisible();
  await expect(absoluteRow).toContainText("Fail / Pass / Excellent");
  await expect(page.getByRole("main")).not.toContainText(/internal|LIMA|Claude/);

  // Judged: the progress moves, and a study with nothing left says done.
  // One prompt, two systems: two answers to label.
  await absoluteRow.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/rate/${absolute.slug}$`));
  await expect(page.getByText("0 judged · 2 to go")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("p");
  await expect(page.getByText("1 judged · 1 to go")).toBeVisible();
  await page.keyboard.press("p");
  await expect(page.getByText("All done, thank you!")).toBeVisible();
  await page.goto("/rate");
  await expect(absoluteRow).toContainText("2 judged · 0 to go");
  await expect(absoluteRow).toContainText("Done");
  await expect(pairwiseRow).not.toContainText("Done");
});
