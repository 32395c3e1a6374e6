import { expect, seed, signIn, test } from "../fixtures/test";

test("a crowd participant comes in through the study's link, judges their quota and gets the completion code and the way back", async ({ page, browser, baseURL }) => {
  const owner = await seed.user("researcher");
  const study = await seed.study({ prompts: 3, createdById: owner.id, openToAllRaters: false, quotaPerRater: 2 });
  await signIn(page, owner);
  await page.goto(`/studies/${study.slug}/settings`);
  const crowd = page.getByRole("region", { name: "Crowd link" });
  await crowd.getByLabel("Crowd link on").check();
  await crowd.getByRole("button", { name: "Save crowd link" }).click();
  await expect(crowd.getByText("is needed while the crowd link is on: participants paste it into their platform")).toBeVisible();
  await crowd.getByLabel("Completion code").fill("C0DE42");
  // The platform's completion page stands in as a page of this app: no test leaves the machine.
  await crowd.getByLabel("Completion address (optional)").fill(`${baseURL}/api/health?cc=C0DE42`);
  await crowd.getByRole("button", { name: "Save crowd link" }).click();
  await expect(crowd.getByRole("status")).toHaveText("Crowd link saved.");
  const link = (await crowd.locator("code").first().textContent())!;
  expect(link).toContain("PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}");

  // What the platform sends: its placeholders filled in for one participant.
  const participantLink = link.replace("{{%PROLIFIC_PID%}}", "5f3a9c0d2e1b4a6f7c8d9e0a").replace("{{%STUDY_ID%}}", "platform-study").replace("{{%SESSION_ID%}}", "session-1");
  const context = await browser.newContext();
  const participant = await context.newPage();
  await participant.goto(link.split("?")[0]);
  await expect(participant.getByText(/does not carry a usable participant id: PROLIFIC_PID/)).toBeVisible();

  await participant.goto(participantLink);
  await expect(participant).toHaveURL(new RegExp(`/rate/${study.slug}$`));
  await expect(participant.getByText("0 judged · 2 to go")).toBeVisible();
  // Their account's address is made up from the platform id: it is not shown, and there is no signing out.
  await expect(participant.getByRole("banner")).not.toContainText("@");
  await expect(participant.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await participant.getByRole("button", { name: "Answer A is significantly better" }).click();
  await expect(participant.getByText("1 judged · 1 to go")).toBeVisible();
  await participant.getByRole("button", { name: "Neither is significantly better" }).click();
  await expect(participant.getByText("You have judged the 2 pairs this study asks of each rater.")).toBeVisible();
  await expect(participant.getByText("Your completion code: C0DE42")).toBeVisible();
  // Sent back to the platform after a moment.
  await expect(participant).toHaveURL(`${baseURL}/api/health?cc=C0DE42`, { timeout: 15_000 });

  // Coming back through the link is the same participant, still done: the same code again.
  await participant.goto(participantLink);
  await expect(participant.getByText("Your completion code: C0DE42")).toBeVisible();
  // A participant sees no other study, even one open to every rater.
  const openToAll = await seed.study({ prompts: 1, openToAllRaters: true });
  await participant.goto("/rate");
  await expect(participant.locator(`a[href="/rate/${openToAll.slug}"]`)).toHaveCount(0);
  await expect(participant.locator(`a[href="/rate/${study.slug}"]`)).toHaveCount(1);
  await context.close();

  // Anyone signed in with an account of their own is not turned into a participant: the owner,
  // another researcher, an admin, a rater let into the study, another study's rater.
  await page.goto(participantLink);
  await expect(page.getByText(`You are signed in as ${owner.email}. This link is for a crowd platform's participants`)).toBeVisible();
  const elsewhere = await seed.study({ prompts: 1, openToAllRaters: false });
  const [otherResearcher, admin, letIn, otherStudysRater] = await Promise.all([seed.user("researcher"), seed.user("admin"), seed.user("rater"), seed.user("rater")]);
  await seed.letIn(study.id, letIn.id);
  await seed.letIn(elsewhere.id, otherStudysRater.id);
  for (const person of [otherResearcher, admin, letIn, otherStudysRater]) {
    const own = await browser.newContext();
    const tab = await own.newPage();
    await signIn(tab, person);
    await tab.goto(participantLink);
    await expect(tab.getByText(`You are signed in as ${person.email}. This link is for a crowd platform's participants`)).toBeVisible();
    await own.close();
  }
  await page.goto(`/studies/${study.slug}`);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`${owner.email}: crowd link off → on`);
  await expect(history).toContainText(`${owner.email}: completion code none → C0DE42`);
});
