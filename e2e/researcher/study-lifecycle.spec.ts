import { expect, seed, signIn, test } from "../fixtures/test";

test("a researcher pauses, resumes and closes a study; raters see it only while it is open", async ({ page, browser }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, createdById: researcher.id });
  const rater = await seed.user("rater");
  const raterPage = await browser.newPage();
  await signIn(raterPage, rater);
  const raterSees = async (visible: boolean) => {
    await raterPage.goto("/rate");
    await expect(raterPage.locator(`a[href="/rate/${study.slug}"]`)).toHaveCount(visible ? 1 : 0);
  };
  await raterSees(true);

  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  await expect(page.locator("[data-status]")).toHaveText("Open: raters are judging.");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.locator("[data-status]")).toHaveText("Paused: no new pairs are handed out.");
  await raterSees(false);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.locator("[data-status]")).toHaveText("Open: raters are judging.");
  await raterSees(true);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Close the study" }).click();
  await expect(page.locator("[data-status]")).toHaveText("Closed: judgments and results are final.");
  await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
  await raterSees(false);
  await raterPage.close();

  // The history says who did each of it.
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history.getByRole("listitem")).toHaveText([
    new RegExp(`${researcher.email}: status open → closed`),
    new RegExp(`${researcher.email}: status paused → open`),
    new RegExp(`${researcher.email}: status open → paused`),
  ]);
});

test("a researcher changes a study's settings, pauses a baseline, and sees each change in its history", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 1, createdById: researcher.id });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Raters per pair (k)").fill("3");
  await page.getByLabel("Rationale").selectOption("optional");
  await page.getByRole("checkbox", { name: "GPT-4" }).uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");

  // Every baseline off is refused, and says why.
  await page.getByRole("checkbox", { name: "Alpaca 65B" }).uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("must keep at least one baseline active (pause the study to stop all rating)");

  await page.goto(`/studies/${study.slug}`);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`${researcher.email}: raters per pair (k) 1 → 3`);
  await expect(history).toContainText(`${researcher.email}: rationale off → optional`);
  await expect(history).toContainText(`${researcher.email}: active baselines Alpaca 65B, GPT-4 → Alpaca 65B`);
});

test("a researcher sets a quota per rater; a rater judges that many pairs and is told they are done", async ({ page, browser }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 4, createdById: researcher.id });
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}/settings`);
  await page.getByLabel("Pairs per rater at most").fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");

  const rater = await seed.user("rater");
  const raterPage = await browser.newPage();
  await signIn(raterPage, rater);
  await raterPage.goto(`/rate/${study.slug}`);
  await expect(raterPage.getByText("0 judged · 2 to go")).toBeVisible();
  for (const judged of [1, 2]) {
    await raterPage.getByRole("button", { name: "Neither is significantly better" }).click();
    await expect(raterPage.getByText(`${judged} judged · ${2 - judged} to go`)).toBeVisible();
  }
  await expect(raterPage.getByRole("status")).toContainText("You have judged the 2 pairs this study asks of each rater.");
  await raterPage.close();

  await page.goto(`/studies/${study.slug}`);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`${researcher.email}: pairs per rater at most no quota → 2`);
});
