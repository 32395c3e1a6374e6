import { db } from "@/lib/db";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { letRaterOut } from "@/lib/studies/study-raters";
import { expect, seed, signIn, test } from "../fixtures/test";

test("a rater whose study is paused, closed, or who is let out while a pair is on screen is told so, and nothing is recorded", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const rater = await seed.user("rater");
  await signIn(page, rater);

  const cases = [
    { change: (studyId: string) => changeStudyStatus(studyId, "paused", researcher.id), state: "This study is paused. Nothing you judged is lost: please come back later." },
    { change: (studyId: string) => changeStudyStatus(studyId, "closed", researcher.id), state: "This study has ended. Thank you for taking part." },
    { change: (studyId: string) => letRaterOut(studyId, rater.id, researcher.id), state: "You are no longer taking part in this study." },
  ];
  for (const { change, state } of cases) {
    const study = await seed.study({ prompts: 2, createdById: researcher.id, openToAllRaters: false });
    await seed.letIn(study.id, rater.id);
    await page.goto(`/rate/${study.slug}`);
    await expect(page.getByRole("heading", { name: "Answer A" })).toBeVisible();
    await change(study.id);
    await page.getByRole("button", { name: "Answer A is significantly better" }).click();
    // The refusal, then the page as the study now is for them.
    await expect(page.getByRole("status").getByText(state)).toBeVisible();
    expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(0);
  }
});
