import { expect, seed, test } from "../fixtures/test";

test("the sign-in form works without JavaScript, as a POST that puts no password in an address", async ({ browser }) => {
  const rater = await seed.user("rater");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const addresses: string[] = [];
  page.on("request", (request) => addresses.push(request.url()));
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(rater.email);
  await page.getByLabel("Password").fill(rater.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/rate$/);
  await expect(page.getByText(rater.email)).toBeVisible();
  expect(addresses.filter((address) => address.includes(encodeURIComponent(rater.password)) || address.includes(rater.password))).toEqual([]);
  // A wrong password, still without JavaScript, says so.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(rater.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an active account." })).toBeVisible();
  await context.close();
});

test("after sign-in, a return address that would leave the site goes home instead", async ({ page }) => {
  const rater = await seed.user("rater");
  for (const target of ["/\\evil.example/", "/\t/evil.example/", "//evil.example/", "https://evil.example/"]) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(rater.email);
    await page.getByLabel("Password").fill(rater.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/rate$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  }
  // A path on the site is kept.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/rate?from=link")}`);
  await page.getByLabel("Email").fill(rater.email);
  await page.getByLabel("Password").fill(rater.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/rate\?from=link$/);
});

test("signing out ends the session on the server: a cookie kept from before no longer works", async ({ page, request }) => {
  const rater = await seed.user("rater");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(rater.email);
  await page.getByLabel("Password").fill(rater.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/rate$/);
  const kept = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  expect((await request.get("/api/rate/no-such-study/next", { headers: { cookie: kept } })).status()).toBe(404);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await request.get("/api/rate/no-such-study/next", { headers: { cookie: kept } })).status()).toBe(401);
});
