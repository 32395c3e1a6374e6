import { db } from "@/lib/db";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { expect, seed, signIn, test } from "../fixtures/test";

test("a paused study tells its raters to come back later and a closed one that it has ended, even before their first pair; to others it does not exist", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const rater = await seed.user("rater");
  const letIn = await seed.study({ prompts: 1, createdById: researcher.id, openToAllRaters: false });
  const openToAll = await seed.study({ prompts: 1, createdById: researcher.id, openToAllRaters: true });
  const notLetIn = await seed.study({ prompts: 1, createdById: researcher.id, openToAllRaters: false });
  await seed.letIn(letIn.id, rater.id);
  await db().study.update({ where: { id: letIn.id }, data: { raterTitle: "Compare two answers, please" } });
  for (const study of [letIn, openToAll, notLetIn]) await changeStudyStatus(study.id, "paused", researcher.id);
  await signIn(page, rater);

  await page.goto(`/rate/${letIn.slug}`);
  await expect(page.getByRole("heading", { name: "Compare two answers, please" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(/This study is paused for now: please come back later\./);
  await expect(page.getByRole("link", { name: "Back to your studies" })).toBeVisible();
  await page.goto(`/rate/${openToAll.slug}`);
  await expect(page.getByRole("status")).toHaveText(/This study is paused for now: please come back later\./);
  await page.goto(`/rate/${notLetIn.slug}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  await changeStudyStatus(letIn.id, "closed", researcher.id);
  await page.goto(`/rate/${letIn.slug}`);
  await expect(page.getByRole("status")).toHaveText(/This study has ended\./);

  // Reopened, the study is there to judge again.
  await changeStudyStatus(openToAll.id, "open", researcher.id);
  await page.goto(`/rate/${openToAll.slug}`);
  await expect(page.getByRole("heading", { name: "Answer A" })).toBeVisible();
});
