import { expect, seed, signIn, signOut, test } from "../fixtures/test";

test("signed-out visitors reach only sign-in, invitation and crowd links, and health", async ({ page, request }) => {
  const study = await seed.study({ prompts: 1 });
  for (const path of ["/", "/rate", `/rate/${study.slug}`, "/studies", `/studies/${study.slug}`, `/studies/${study.slug}/settings`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
  }
  // Links handed out to people without an account open as they are; an unknown one is not found.
  for (const path of ["/invite/no-such-invitation", "/crowd/no-such-link?PROLIFIC_PID=abc"]) {
    await page.goto(path);
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  const exportResponse = await request.get(`/api/studies/${study.slug}/export/judgments`, { maxRedirects: 0 });
  expect([302, 307, 401]).toContain(exportResponse.status());

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const headers = (await request.get("/sign-in")).headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
});

test("a rater cannot open researcher pages or the export", async ({ page }) => {
  const study = await seed.study({ prompts: 1 });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await expect(page).toHaveURL(/\/rate$/);

  for (const path of ["/studies", `/studies/${study.slug}`, `/studies/${study.slug}/settings`, `/studies/${study.slug}/import`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/rate$/);
  }
  const exportResponse = await page.request.get(`/api/studies/${study.slug}/export/judgments`);
  expect(exportResponse.status()).toBe(403);
  expect(await exportResponse.text()).not.toContain("pair_id");
});

test("a researcher cannot judge, and sign-out ends the session", async ({ page }) => {
  const study = await seed.study({ prompts: 1 });
  const researcher = await seed.user("researcher");
  await signIn(page, researcher);
  await expect(page).toHaveURL(/\/studies$/);
  await page.goto(`/rate/${study.slug}`);
  await expect(page).toHaveURL(/\/studies$/);

  await signOut(page);
  await page.goto("/studies");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a wrong password is refused with a clear message, and ten lock the email for a while", async ({ page }) => {
  const rater = await seed.user("rater");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(rater.email);
  const refusal = page.getByRole("alert").filter({ hasText: "That email and password do not match an active account." });
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("Password").fill(`not-the-password-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(refusal).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await expect(page).toHaveURL(/\/sign-in/);
  // Locked now: the right password too is refused, and the form says why.
  await page.getByLabel("Password").fill(rater.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins for this email or from your network: try again in 15 minutes." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("another researcher cannot open a study until its owner adds them", async ({ page, browser }) => {
  const [owner, other] = [await seed.user("researcher"), await seed.user("researcher")];
  const study = await seed.study({ prompts: 1, createdById: owner.id });
  const otherPage = await browser.newPage();
  await signIn(otherPage, other);
  await expect(otherPage.locator(`a[href="/studies/${study.slug}"]`)).toHaveCount(0);
  for (const path of [`/studies/${study.slug}`, `/studies/${study.slug}/settings`, `/studies/${study.slug}/prompts`, `/studies/${study.slug}/import`]) {
    // Pages with a loading state have sent their headers by then: what shows is the not-found page.
    await otherPage.goto(path);
    await expect(otherPage.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(otherPage.getByText(study.slug)).toHaveCount(0);
  }
  const exportResponse = await otherPage.request.get(`/api/studies/${study.slug}/export/judgments`);
  expect(exportResponse.status()).toBe(404);
  expect(await exportResponse.text()).not.toContain("pair_id");

  await signIn(page, owner);
  await page.goto(`/studies/${study.slug}/settings`);
  const researchers = page.getByRole("region", { name: "Researchers" });
  await researchers.getByLabel("Add a researcher by email").fill(other.email);
  await researchers.getByRole("button", { name: "Add", exact: true }).click();
  await expect(researchers.getByRole("status")).toHaveText(`Added ${other.email}.`);
  await expect(researchers.getByRole("button", { name: `Remove ${other.email}` })).toBeVisible();

  await otherPage.goto("/studies");
  await otherPage.locator(`a[href="/studies/${study.slug}"]`).click();
  await expect(otherPage.getByRole("heading", { level: 1 })).toContainText(study.slug);
  expect((await otherPage.request.get(`/api/studies/${study.slug}/export/judgments`)).status()).toBe(200);
  await otherPage.close();
});

test("a rater sees a study only once let in, unless it is open to every rater", async ({ page, browser }) => {
  const owner = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, createdById: owner.id, openToAllRaters: false });
  const rater = await seed.user("rater");
  const raterPage = await browser.newPage();
  await signIn(raterPage, rater);
  await expect(raterPage.locator(`a[href="/rate/${study.slug}"]`)).toHaveCount(0);
  await raterPage.goto(`/rate/${study.slug}`);
  await expect(raterPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  const api = await raterPage.request.get(`/api/rate/${study.slug}/next`);
  expect(api.status()).toBe(404);

  await signIn(page, owner);
  await page.goto(`/studies/${study.slug}/settings`);
  const raters = page.getByRole("region", { name: "Raters" });
  await raters.getByLabel("Add a rater by email").fill(owner.email);
  await raters.getByRole("button", { name: "Add", exact: true }).click();
  await expect(raters.getByRole("alert")).toHaveText(`No active rater account has the email "${owner.email}".`);
  await raters.getByLabel("Add a rater by email").fill(rater.email);
  await raters.getByRole("button", { name: "Add", exact: true }).click();
  await expect(raters.getByRole("status")).toHaveText(`Added ${rater.email}.`);

  await raterPage.goto("/rate");
  await raterPage.locator(`a[href="/rate/${study.slug}"]`).click();
  await expect(raterPage.getByText("0 judged · 4 to go")).toBeVisible();
  expect((await raterPage.request.get(`/api/rate/${study.slug}/next`)).status()).toBe(200);

  await raters.getByRole("button", { name: `Remove ${rater.email}` }).click();
  await expect(raters.getByRole("button", { name: `Remove ${rater.email}` })).toHaveCount(0);
  // Let out, they are told so (they had pairs in it); a study they never had stays "not found".
  await raterPage.goto(`/rate/${study.slug}`);
  await expect(raterPage.getByRole("status")).toHaveText(/You are no longer taking part in this study/);
  expect((await raterPage.request.get(`/api/rate/${study.slug}/next`)).status()).toBe(404);
  await raterPage.close();

  await page.goto(`/studies/${study.slug}`);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`${owner.email}: rater let out: ${rater.email}`);
  await expect(history).toContainText(`${owner.email}: rater let in: ${rater.email}`);
});
