import { db } from "@/lib/db";
import { expect, seed, signIn, test } from "../fixtures/test";

test("a rater judges pairs with the mouse and the keyboard until none are left, blind to the systems", async ({ page }) => {
  const study = await seed.study({ prompts: 3, baselines: ["Alpaca 65B"] });
  const rater = await seed.user("rater");
  const payloads: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "image") payloads.push(response.text().catch(() => ""));
  });

  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await expect(page.getByText("Pick the answer that best satisfies your needs.")).toBeVisible();
  await expect(page.getByText("0 judged · 3 to go")).toBeVisible();

  const systemNames = [study.target, ...study.baselines];
  const seenQuestions = new Set<string>();
  const question = page.getByRole("heading", { name: "Question" }).locator("..");

  // First pair with the mouse.
  await expect(page.getByRole("heading", { name: "Answer A" })).toBeVisible();
  seenQuestions.add(await question.innerText());
  await page.getByRole("button", { name: "Answer A is significantly better" }).click();
  await expect(page.getByText("1 judged · 2 to go")).toBeVisible();

  // Then with the keyboard: B, then N.
  seenQuestions.add(await question.innerText());
  await page.keyboard.press("b");
  await expect(page.getByText("2 judged · 1 to go")).toBeVisible();
  seenQuestions.add(await question.innerText());
  await page.keyboard.press("n");

  await expect(page.getByRole("status").getByText("All done, thank you!")).toBeVisible();
  await expect(page.getByText("3 judged · 0 to go")).toBeVisible();
  expect(seenQuestions.size).toBe(3);

  const body = await page.locator("body").innerText();
  const received = (await Promise.all(payloads)).join("\n");
  for (const name of systemNames) {
    expect(body).not.toContain(name);
    expect(received).not.toContain(name);
  }

  const judgments = await db().judgment.findMany({ where: { raterId: rater.id }, orderBy: { createdAt: "asc" } });
  expect(judgments.map((j) => j.choice)).toEqual(["left", "right", "neither"]);
  expect(judgments.map((j) => j.verdict)).toEqual([
    judgments[0].targetSide === "left" ? "win" : "loss",
    judgments[1].targetSide === "right" ? "win" : "loss",
    "tie",
  ]);
});

test("a double click records one judgment", async ({ page }) => {
  const study = await seed.study({ prompts: 2, baselines: ["Bard"] });
  const rater = await seed.user("rater");
  await signIn(page, rater);
  await page.goto(`/rate/${study.slug}`);
  await page.getByRole("button", { name: "Neither is significantly better" }).dblclick();
  await expect(page.getByText("1 judged · 1 to go")).toBeVisible();
  expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(1);
});
