import { expect, seed, signIn, signOut, test } from "../fixtures/test";

test("an admin finds a person, changes their role, disables them so they cannot sign in, and enables them again", async ({ page, browser }) => {
  const admin = await seed.user("admin");
  const person = await seed.user("rater");
  await signIn(page, admin);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
  await page.getByRole("searchbox").fill(person.email);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const row = page.getByRole("row", { name: new RegExp(person.email) });
  await expect(page.getByRole("row")).toHaveCount(2);

  await row.getByLabel(`Role of ${person.email}`).selectOption("researcher");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toHaveText("Role changed to researcher.");

  await row.getByRole("button", { name: `Disable ${person.email}` }).click();
  await expect(row.getByRole("cell", { name: "Disabled" })).toBeVisible();
  const other = await browser.newPage();
  await other.goto("/sign-in");
  await other.getByLabel("Email").fill(person.email);
  await other.getByLabel("Password").fill(person.password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.locator("form").getByRole("alert")).toBeVisible();
  await expect(other).toHaveURL(/\/sign-in/);

  await row.getByRole("button", { name: `Enable ${person.email}` }).click();
  await expect(row.getByRole("cell", { name: "Active" })).toBeVisible();
  await signIn(other, person);
  await expect(other).toHaveURL(/\/studies$/);
  await other.close();

  // An admin cannot lock themselves out.
  await page.getByRole("searchbox").fill(admin.email);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const own = page.getByRole("row", { name: new RegExp(admin.email) });
  await own.getByRole("button", { name: `Disable ${admin.email}` }).click();
  await expect(own.getByRole("alert")).toContainText("You cannot take away your own admin access");
  await signOut(page);
});

test("only admins reach the people page", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/sign-in/);
  for (const [role, home] of [["rater", /\/rate$/], ["researcher", /\/studies$/]] as const) {
    const person = await seed.user(role);
    await signIn(page, person);
    await page.goto("/admin/users");
    await expect(page).toHaveURL(home);
    await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
    await signOut(page);
  }
});
