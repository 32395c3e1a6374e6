import { expect, seed, signIn, test } from "../fixtures/test";

test("a rater signs up through an invitation link and lands in the study; used up and withdrawn links say so", async ({ page, browser }) => {
  const owner = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, createdById: owner.id, openToAllRaters: false });
  await signIn(page, owner);
  await page.goto(`/studies/${study.slug}/settings`);
  const invitations = page.getByRole("region", { name: "Invitations" });
  await invitations.getByLabel("For (optional)").fill("pilot");
  await invitations.getByLabel("How many may join").fill("1");
  await invitations.getByRole("button", { name: "Make an invitation link" }).click();
  await expect(invitations.getByRole("status")).toHaveText("Invitation made: copy its link from the list.");
  const row = invitations.getByRole("row").filter({ hasText: "pilot" });
  await expect(row).toContainText("0 of 1");
  const link = (await row.locator("code").textContent())!;
  expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{32}$/);

  // A visitor with no account signs up through it, and is in the study.
  const visitor = await browser.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: /You are invited to rate/ })).toBeVisible();
  const signUp = visitor.getByRole("form", { name: "Sign up" });
  await signUp.getByLabel("Your name").fill("Grace Rater");
  await signUp.getByLabel("Email").fill(`grace-${study.slug}@test.local`);
  await signUp.getByLabel("Password").fill("short");
  await signUp.getByRole("button", { name: "Sign up and join" }).click();
  // The browser's own check stops a short password first; the server says the same if it gets one.
  await expect(visitor).toHaveURL(link);
  // An email that has an account: refused with the way out, what was typed kept.
  await signUp.getByLabel("Email").fill(owner.email);
  await signUp.getByLabel("Password").fill("a long enough password");
  await signUp.getByRole("button", { name: "Sign up and join" }).click();
  await expect(signUp.getByRole("alert")).toHaveText(/An account with this email already exists: sign in with it/);
  await expect(signUp.getByLabel("Your name")).toHaveValue("Grace Rater");
  await signUp.getByLabel("Email").fill(`grace-${study.slug}@test.local`);
  await signUp.getByLabel("Password").fill("a long enough password");
  await signUp.getByRole("button", { name: "Sign up and join" }).click();
  await expect(visitor).toHaveURL(new RegExp(`/rate/${study.slug}$`));
  await expect(visitor.getByText("0 judged · 4 to go")).toBeVisible();
  await visitor.getByRole("button", { name: "Sign out" }).click();
  await expect(visitor).toHaveURL(/\/sign-in/);

  // The link was for one person: the next visitor is told so.
  await visitor.goto(link);
  await expect(visitor.getByText(/This invitation has been used as many times as it allows/)).toBeVisible();
  await page.reload();
  await expect(row).toContainText("1 of 1");
  await expect(row).toContainText("used up");

  // A link without a cap, withdrawn: it stops working.
  await invitations.getByLabel("For (optional)").fill("lab B");
  await invitations.getByLabel("How many may join").fill("");
  await invitations.getByRole("button", { name: "Make an invitation link" }).click();
  const labB = invitations.getByRole("row").filter({ hasText: "lab B" });
  await expect(labB).toContainText("0 of no cap");
  const second = (await labB.locator("code").textContent())!;
  await labB.getByRole("button", { name: "Withdraw lab B" }).click();
  await expect(labB).toContainText("withdrawn");
  await visitor.goto(second);
  await expect(visitor.getByText("This invitation was withdrawn by the study's researchers.")).toBeVisible();
  await visitor.goto("/invite/no-such-invitation");
  await expect(visitor.getByRole("heading", { name: "Not found" })).toBeVisible();
  await visitor.close();

  await page.goto(`/studies/${study.slug}`);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`rater joined by invitation: grace-${study.slug}@test.local`);
  await expect(history).toContainText(`${owner.email}: invitation made: "pilot": one person, no expiry`);
});

test("an invitation lets in raters who have an account, another study's rater too, but not researchers or admins", async ({ page, browser }) => {
  const owner = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, createdById: owner.id, openToAllRaters: false });
  const elsewhere = await seed.study({ prompts: 1, openToAllRaters: false });
  const [rater, otherStudysRater, researcher, admin] = await Promise.all([seed.user("rater"), seed.user("rater"), seed.user("researcher"), seed.user("admin")]);
  await seed.letIn(elsewhere.id, otherStudysRater.id);

  await signIn(page, owner);
  await page.goto(`/studies/${study.slug}/settings`);
  const invitations = page.getByRole("region", { name: "Invitations" });
  await invitations.getByLabel("How many may join").fill("5");
  await invitations.getByRole("button", { name: "Make an invitation link" }).click();
  const link = (await invitations.getByRole("row").nth(1).locator("code").textContent())!;
  const path = new URL(link).pathname;

  for (const person of [rater, otherStudysRater]) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(path);
    // Signing in from the link comes back to it.
    await tab.getByRole("link", { name: "Sign in" }).click();
    await expect(tab.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await tab.getByLabel("Email").fill(person.email);
    await tab.getByLabel("Password").fill(person.password);
    await tab.getByRole("button", { name: "Sign in" }).click();
    await expect(tab.getByText(`You are signed in as ${person.email}.`)).toBeVisible();
    await expect(tab).toHaveURL(new RegExp(`${path}$`));
    await tab.getByRole("button", { name: "Join the study" }).click();
    await expect(tab).toHaveURL(new RegExp(`/rate/${study.slug}$`));
    await context.close();
  }
  await page.reload();
  await expect(invitations.getByRole("row").nth(1)).toContainText("2 of 5");

  for (const person of [researcher, admin]) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await signIn(tab, person);
    await tab.goto(path);
    await expect(tab.getByText(/Invitations are for raters: sign out first to sign up as one./)).toBeVisible();
    await expect(tab.getByRole("button", { name: "Join the study" })).toHaveCount(0);
    // Another researcher does not see the study's settings, nor its invitations; an admin does.
    await tab.goto(`/studies/${study.slug}/settings`);
    if (person === researcher) await expect(tab.getByRole("heading", { name: "Not found" })).toBeVisible();
    else await expect(tab.getByRole("region", { name: "Invitations" }).getByRole("row")).toHaveCount(2);
    await context.close();
  }
});
