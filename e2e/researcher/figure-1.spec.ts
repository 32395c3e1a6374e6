// The paper's Figure 1 (LIMA against each baseline, human raters), reproduced from seeded
// judgments: the page must show exactly the published shares.
import { seedJudgments } from "@/lib/testing/seed-judgments";
import { expect, seed, signIn, test } from "../fixtures/test";

// Published LIMA win / tie / loss percentages, as counts of 300 judgments each.
const FIGURE_1 = {
  "Alpaca 65B": { wins: 159, ties: 63, losses: 78, shown: ["53%", "21%", "26%"], equalOrBetter: "74%" },
  DaVinci003: { wins: 132, ties: 63, losses: 105, shown: ["44%", "21%", "35%"], equalOrBetter: "65%" },
  Bard: { wins: 99, ties: 75, losses: 126, shown: ["33%", "25%", "42%"], equalOrBetter: "58%" },
  Claude: { wins: 72, ties: 66, losses: 162, shown: ["24%", "22%", "54%"], equalOrBetter: "46%" },
  "GPT-4": { wins: 54, ties: 75, losses: 171, shown: ["18%", "25%", "57%"], equalOrBetter: "43%" },
};

test("the results page reproduces the paper's Figure 1 from judgments that match it", async ({ page }) => {
  test.setTimeout(120_000);
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 300, baselines: Object.keys(FIGURE_1), createdById: researcher.id });
  await seedJudgments(study.id, FIGURE_1);

  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  for (const [baseline, expected] of Object.entries(FIGURE_1)) {
    const row = page.locator(`tr[data-baseline="${baseline}"]`);
    await expect(row.locator('[data-cell="win"]')).toHaveText(`${expected.shown[0]} (${expected.wins})`);
    await expect(row.locator('[data-cell="tie"]')).toHaveText(`${expected.shown[1]} (${expected.ties})`);
    await expect(row.locator('[data-cell="loss"]')).toHaveText(`${expected.shown[2]} (${expected.losses})`);
    await expect(row.locator('[data-cell="equal-or-better"]')).toHaveText(expected.equalOrBetter);
  }
  // LIMA vs GPT-4: 54 wins against 171 losses is far from an even split.
  await expect(page.locator('tr[data-baseline="GPT-4"] [data-cell="p"]')).toHaveText("p < 0.001");

  // One judgment per pair: the majority view is the same numbers.
  await page.getByRole("link", { name: "One verdict per pair, by majority" }).click();
  await expect(page.locator('tr[data-baseline="Alpaca 65B"] [data-cell="win"]')).toHaveText("53% (159)");
});
