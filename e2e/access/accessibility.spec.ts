// The rating page and the results page checked against WCAG 2.1 AA by axe-core, for a study of
// each kind, on a laptop and on a phone: raters include people who use screen readers, zoom or
// the keyboard alone, and a crowd study reaches them all.
import { nextAssignment } from "@/lib/assign/next-assignment";
import { KIND_NAMES } from "@/lib/kinds";
import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { violations } from "../fixtures/axe";
import { expect, seed, signIn, signOut, test } from "../fixtures/test";

const answerOf: Record<(typeof KIND_NAMES)[number], Record<string, unknown>> = { pairwise: { choice: "left" }, absolute: { label: "pass" }, likert: { score: 4 }, multiturn: { turnLabels: ["pass"] } };


for (const kind of KIND_NAMES) {
  test(`${kind}: the rating page and the results page pass WCAG 2.1 AA, on a laptop and a phone`, async ({ page }) => {
    const researcher = await seed.user("researcher");
    const study = await seed.study({ kind, prompts: 2, baselines: ["GPT-4"], judgmentsPerPair: 2, createdById: researcher.id });
    // Something judged, so the results page shows its tables and figures.
    const other = await seed.user("rater");
    for (;;) {
      const item = await nextAssignment(study.id, other.id);
      if (!item) break;
      await judgeInOwnStudy(other.id, { assignmentId: item.assignmentId, ...answerOf[kind] } as Parameters<typeof judgeInOwnStudy>[1]);
    }

    await signIn(page, await seed.user("rater"));
    await page.goto(`/rate/${study.slug}`);
    await expect(page.getByText(/judged · \d+ to go/)).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await violations(page)).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 720 });
    await signOut(page);
    await signIn(page, researcher);
    await page.goto(`/studies/${study.slug}`);
    await expect(page.getByRole("heading", { name: "Raters" })).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await violations(page)).toEqual([]);
  });
}
