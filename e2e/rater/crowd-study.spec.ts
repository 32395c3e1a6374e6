import { parse } from "csv-parse/sync";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db";
import { violations } from "../fixtures/axe";
import { expect, seed, signIn, test } from "../fixtures/test";

const CONSENT = "You agree that your **anonymous answers** may be published with the study.";

/** The participant's item now: whether it is gold, and the choice that matches its known answer (the target is better). */
async function currentItem(participantId: string) {
  const assignment = await db().assignment.findFirstOrThrow({
    where: { rater: { participantId }, status: "active" },
    orderBy: { createdAt: "desc" },
    select: { targetSide: true, pair: { select: { goldVerdict: true } } },
  });
  const right = assignment.targetSide === "left" ? "Answer A is significantly better" : "Answer B is significantly better";
  const wrong = assignment.targetSide === "left" ? "Answer B is significantly better" : "Answer A is significantly better";
  return { gold: assignment.pair.goldVerdict !== null, right, wrong };
}


/** Through consent and the one training pair, as a participant would; each screen checked for accessibility when asked. */
async function consentAndTrain(page: Page, check = false) {
  await expect(page.getByRole("heading", { name: "Before you start: consent" })).toBeVisible();
  await expect(page.getByText("anonymous answers")).toBeVisible();
  if (check) expect(await violations(page)).toEqual([]);
  await page.getByRole("button", { name: "I agree: start" }).click();
  await expect(page.getByRole("heading", { name: "Practice 1 of 1" })).toBeVisible();
  if (check) expect(await violations(page)).toEqual([]);
  await page.getByRole("button", { name: "Answer A is significantly better" }).click();
  await expect(page.getByRole("status")).toContainText("The expected answer:");
  if (check) expect(await violations(page)).toEqual([]);
  await page.getByRole("button", { name: "Start the study" }).click();
}

test("a Prolific-style study: consent, training, judging with attention checks, a screen-out, completion, the review, exclusions and downloads", async ({ page, browser }) => {
  const owner = await seed.user("researcher");
  const study = await seed.study({ prompts: 8, baselines: ["Claude"], createdById: owner.id, openToAllRaters: false });
  // Two gold pairs (the target better), handed out first: one trains each participant, the other checks them.
  const gold = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" }, take: 2, select: { id: true } });
  await db().pair.updateMany({ where: { id: { in: gold.map((pair) => pair.id) } }, data: { goldVerdict: "win" } });
  await db().study.update({ where: { id: study.id }, data: { goldRate: 1 } });

  await signIn(page, owner);
  await page.goto(`/studies/${study.slug}/settings`);
  const steps = page.getByRole("region", { name: "Consent, training and attention checks" });
  await expect(steps).toContainText("This study has 2 gold pairs.");
  await steps.getByLabel("Consent page (Markdown, optional)").fill(CONSENT);
  await steps.getByLabel("Training pairs").fill("1");
  await steps.getByLabel("Attention checks: after this many gold pairs").fill("1");
  await steps.getByRole("button", { name: "Save these steps" }).click();
  await expect(steps.getByText("must be given with the number of gold pairs")).toBeVisible();
  await steps.getByLabel("Attention checks: least accuracy (%)").fill("100");
  await steps.getByRole("button", { name: "Save these steps" }).click();
  await expect(steps.getByRole("status")).toHaveText("Saved.");

  const crowd = page.getByRole("region", { name: "Crowd link" });
  await crowd.getByLabel("Crowd link on").check();
  await crowd.getByLabel("Completion code").fill("DONE-1");
  await crowd.getByLabel("Screen-out code (optional)").fill("DONE-1");
  await crowd.getByLabel("Items per participant (optional)").fill("3");
  await crowd.getByRole("button", { name: "Save crowd link" }).click();
  await expect(crowd.getByText("must differ from the completion and no-work codes")).toBeVisible();
  await crowd.getByLabel("Screen-out code (optional)").fill("SCREEN-1");
  await crowd.getByRole("button", { name: "Save crowd link" }).click();
  await expect(crowd.getByRole("status")).toHaveText("Crowd link saved.");
  const link = (await crowd.locator("code").first().textContent())!;
  const linkFor = (pid: string) => link.replace("{{%PROLIFIC_PID%}}", pid).replace("{{%STUDY_ID%}}", "platform-study").replace("{{%SESSION_ID%}}", `session-${pid}`);

  // The careful participant: consent, training, the gold pair right, their three items, the code.
  const careful = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const one = await careful.newPage();
  await one.goto(linkFor("careful-participant"));
  await consentAndTrain(one, true);
  await expect(one.getByText("0 judged · 3 to go")).toBeVisible();
  // They report the first item (the gold one) before judging it.
  await one.getByText("Report a problem").click();
  await one.getByLabel("Problem").selectOption("broken");
  await one.getByRole("button", { name: "Report", exact: true }).click();
  await expect(one.getByRole("status").filter({ hasText: "the problem is reported" })).toBeVisible();
  for (let judged = 0; judged < 3; judged++) {
    const item = await currentItem("careful-participant");
    expect(item.gold).toBe(judged === 0);
    await one.getByRole("button", { name: item.gold ? item.right : "Neither is significantly better" }).click();
    if (judged < 2) await expect(one.getByText(`${judged + 1} judged · ${2 - judged} to go`)).toBeVisible();
  }
  await expect(one.getByText("You have judged the 3 pairs this study asks of each rater.")).toBeVisible();
  await expect(one.getByText("Your completion code: DONE-1")).toBeVisible();
  await one.getByRole("button", { name: "Copy code" }).click();
  await expect(one.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await one.evaluate(() => navigator.clipboard.readText())).toBe("DONE-1");
  await careful.close();

  // The careless participant gets the gold pair wrong: stopped, with the screen-out code.
  const careless = await browser.newContext();
  const two = await careless.newPage();
  await two.goto(linkFor("careless-participant"));
  await consentAndTrain(two);
  await expect(two.getByText("0 judged · 3 to go")).toBeVisible();
  const item = await currentItem("careless-participant");
  expect(item.gold).toBe(true);
  await two.getByRole("button", { name: item.wrong }).click();
  await expect(two.getByRole("heading", { name: "Thank you for your time" })).toBeVisible();
  await expect(two.getByText("did not reach the accuracy it needs")).toBeVisible();
  await expect(two.getByText("Your code for the platform: SCREEN-1")).toBeVisible();
  await expect(two.getByText("DONE-1")).toHaveCount(0);
  expect(await violations(two)).toEqual([]);

  // One who does not consent: nothing recorded, told to return the study.
  const unwilling = await browser.newContext();
  const three = await unwilling.newPage();
  await three.goto(linkFor("unwilling-participant"));
  await three.getByRole("link", { name: "I do not agree: leave" }).click();
  await expect(three.getByRole("heading", { name: "You chose not to take part" })).toBeVisible();
  await expect(three.getByText("Please return the study on your platform")).toBeVisible();
  await unwilling.close();
  const participants = await db().user.findMany({ where: { participantOfStudyId: study.id }, select: { id: true, participantId: true } });
  expect(await db().consent.count({ where: { studyId: study.id } })).toBe(2);
  expect(await db().judgment.count({ where: { raterId: participants.find((p) => p.participantId === "unwilling-participant")!.id } })).toBe(0);
  // Training answers are never judgments.
  expect(await db().trainingAnswer.count({ where: { studyId: study.id } })).toBe(2);
  expect(await db().judgment.count({ where: { studyId: study.id } })).toBe(4);

  // The researcher: the review queue holds the report and the stop.
  await page.goto(`/studies/${study.slug}`);
  await page.getByRole("link", { name: "Review flags (1)" }).click();
  const stopped = page.getByRole("region", { name: "Stopped by the attention checks (1)" });
  await expect(stopped).toContainText("Attention checks: 0 of 1 gold pairs right (0%), below the study's 100%.");
  await expect(page.locator(`article[data-item="${gold[1].id}"], article[data-item="${gold[0].id}"]`)).toContainText("Broken: 1");

  // The careless participant is out of the figures; the judgments download marks them excluded.
  const csv = parse(await (await page.request.get(`/api/studies/${study.slug}/export/judgments`)).text(), { columns: true }) as Record<string, string>[];
  expect(csv).toHaveLength(4);
  expect(csv.filter((row) => row.excluded === "true")).toHaveLength(1);

  // Included again: counted, and judging again.
  const pseudonym = (await stopped.locator(".font-mono").textContent())!;
  await stopped.getByRole("button", { name: `Include ${pseudonym}` }).click();
  await expect(page.getByRole("region", { name: "Stopped by the attention checks (1)" })).toContainText("let back");
  await two.reload();
  await expect(two.getByText("1 judged · 2 to go")).toBeVisible();
  await careless.close();
  const after = parse(await (await page.request.get(`/api/studies/${study.slug}/export/judgments`)).text(), { columns: true }) as Record<string, string>[];
  expect(after.filter((row) => row.excluded === "true")).toHaveLength(0);
  await page.goto(`/studies/${study.slug}`);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`${pseudonym}: Attention checks: 0 of 1`);
  await expect(history).toContainText(`${pseudonym} (stop lifted: may judge again)`);
  await expect(history).toContainText(`${owner.email}: screen-out code none → SCREEN-1`);
  await expect(history).toContainText(`${owner.email}: attention checks none → 100% after 1 gold pairs`);
});
