// A study's researchers see who their raters are beside the pseudonyms (an account's email and
// name, a crowd participant's platform and id, never their made-up address), find raters by
// name without changing what the figures count, and download identities only when they ask.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db";
import { makeParticipant, recordJudgment } from "@/lib/testing/seed-raters";
import { expect, seed, signIn, test } from "../fixtures/test";

const MADE_UP = "participants.invalid";
const PROLIFIC_ID = "5F3A9C0D2E1B4A6F7C8D9E0A";
const MTURK_ID = "A2TURKWORKER77";
const pseudonymOf = (studyId: string, raterId: string) => `rater-${createHash("md5").update(`${studyId}:${raterId}`).digest("hex").slice(0, 10)}`;

/** A study judged by a named account, another account, and a Prolific and an MTurk participant. */
async function judgedStudy(kind?: "absolute") {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, baselines: ["Alpaca 65B"], judgmentsPerPair: 4, createdById: researcher.id, kind });
  const ada = await seed.user("rater");
  await db().user.update({ where: { id: ada.id }, data: { name: "Ada Lovelace" } });
  const bob = await seed.user("rater");
  const prolific = await makeParticipant(study.id, "prolific", PROLIFIC_ID);
  const mturk = await makeParticipant(study.id, "mturk", MTURK_ID);
  const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" }, select: { id: true } });
  // The accounts prefer the target, the participants the baseline (or: pass, and fail).
  for (const [rater, likes] of [[ada, true], [bob, true], [prolific, false], [mturk, false]] as const) {
    for (const pair of pairs) {
      await recordJudgment(study.id, pair.id, rater.id, kind === "absolute" ? { label: likes ? "pass" : "fail" } : { verdict: likes ? "win" : "loss" });
    }
  }
  const name = (rater: { id: string }) => pseudonymOf(study.id, rater.id);
  return { researcher, study, ada, bob, prolific, mturk, pairs, name };
}

async function download(page: Page, link: string) {
  const file = page.waitForEvent("download");
  await page.getByRole("link", { name: link, exact: true }).click();
  const text = await readFile(await (await file).path(), "utf8");
  return { text, rows: parse(text, { columns: true }) as Record<string, string>[] };
}

test("a researcher sees who each rater is, finds raters by name, and the figures count the same", async ({ page }) => {
  const { researcher, study, ada, bob, prolific, mturk, name } = await judgedStudy();
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);

  const raters = page.getByRole("region", { name: "Raters, scrollable" });
  const row = (rater: { id: string }) => raters.locator(`tr[data-rater="${name(rater)}"]`);
  await expect(raters.locator("tr[data-rater]")).toHaveCount(4);
  await expect(row(ada).locator('[data-cell="who"]')).toHaveText(`${ada.email} (Ada Lovelace)`);
  await expect(row(bob).locator('[data-cell="who"]')).toHaveText(bob.email);
  await expect(row(prolific).locator('[data-cell="who"]')).toHaveText(`Prolific ${PROLIFIC_ID}`);
  await expect(row(mturk).locator('[data-cell="who"]')).toHaveText(`MTurk ${MTURK_ID}`);
  // The results filter's choices name them too; no made-up address anywhere on the page.
  await expect(page.getByLabel("Raters (none chosen: all)").locator(`option[value="${name(prolific)}"]`)).toHaveText(`${name(prolific)} · Prolific ${PROLIFIC_ID}`);
  await expect(page.locator("body")).not.toContainText(MADE_UP);

  const alpaca = page.locator('tr[data-baseline="Alpaca 65B"]');
  await expect(alpaca.locator('[data-cell="win"]')).toHaveText("50% (4)");

  // Find by part of a name, whatever the case: the table narrows, the figures do not.
  const search = page.getByLabel("Find raters by email, name, platform id or pseudonym");
  await search.fill("loveLACE");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page).toHaveURL(/who=loveLACE/);
  await expect(page.getByRole("status").filter({ hasText: "The table is narrowed" })).toContainText("contains “loveLACE” (1 rater)");
  await expect(raters.locator("tr[data-rater]")).toHaveCount(1);
  await expect(row(ada)).toBeVisible();
  await expect(alpaca.locator('[data-cell="win"]')).toHaveText("50% (4)");

  // By a platform id, and by a pseudonym.
  await search.fill(PROLIFIC_ID.slice(3, 12).toLowerCase());
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(raters.locator("tr[data-rater]")).toHaveCount(1);
  await expect(row(prolific)).toBeVisible();
  await search.fill(name(bob));
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(raters.locator("tr[data-rater]")).toHaveCount(1);
  await expect(row(bob)).toBeVisible();
  // Never by a participant's made-up address.
  await search.fill(MADE_UP);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(raters).toHaveCount(0);
  await expect(page.getByText("No rater found.")).toBeVisible();

  // Beside the results filter: the filter picks whom the figures count, the search what the table lists.
  await search.fill("@test.local");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(raters.locator("tr[data-rater]")).toHaveCount(2);
  await page.getByLabel("Raters (none chosen: all)").selectOption([name(ada), name(prolific)]);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`rater=${name(ada)}`));
  await expect(page).toHaveURL(/who=%40test\.local/);
  await expect(page.getByRole("status").filter({ hasText: "Filtered" })).toContainText("2 raters only");
  await expect(alpaca.locator('[data-cell="win"]')).toHaveText("50% (2)");
  await expect(raters.locator("tr[data-rater]")).toHaveCount(1);
  await expect(row(ada)).toBeVisible();
  // Listing every rater again keeps the filter.
  await page.getByRole("link", { name: "List every rater" }).click();
  await expect(page).not.toHaveURL(/who=/);
  await expect(page).toHaveURL(new RegExp(`rater=${name(prolific)}`));
  await expect(raters.locator("tr[data-rater]")).toHaveCount(2);
  await expect(alpaca.locator('[data-cell="win"]')).toHaveText("50% (2)");
});

test("downloads name raters by pseudonym, and who they are only when the researcher asks", async ({ page, browser }) => {
  const { researcher, study, ada, prolific, mturk, name } = await judgedStudy();
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);

  const plain = await download(page, "Download judgments (CSV)");
  expect(Object.keys(plain.rows[0])).not.toContain("rater_email");
  for (const secret of [MADE_UP, ada.email, "Ada Lovelace", PROLIFIC_ID, MTURK_ID]) expect(plain.text).not.toContain(secret);

  // The menu stays open from one download to the next.
  await page.getByText("More downloads").click();
  const named = await download(page, "Judgments with identities (CSV)");
  expect(named.text).not.toContain(MADE_UP);
  expect(named.rows).toHaveLength(8);
  expect(named.rows.find((row) => row.rater === name(ada))).toMatchObject({ rater_email: ada.email, rater_name: "Ada Lovelace", platform: "", platform_id: "" });
  expect(named.rows.find((row) => row.rater === name(prolific))).toMatchObject({ rater_email: "", platform: "prolific", platform_id: PROLIFIC_ID, participant_id: "" });

  const ratersPlain = await download(page, "Raters (CSV)");
  expect(ratersPlain.rows).toHaveLength(4);
  for (const secret of [MADE_UP, ada.email, PROLIFIC_ID]) expect(ratersPlain.text).not.toContain(secret);
  const ratersNamed = await download(page, "Raters with identities (CSV)");
  expect(ratersNamed.text).not.toContain(MADE_UP);
  expect(ratersNamed.rows.find((row) => row.rater === name(mturk))).toMatchObject({ rater_email: "", platform: "mturk", platform_id: MTURK_ID, judgments: "2" });

  // Only the study's researchers and admins: another researcher finds no such study, a visitor signs in first.
  const other = await seed.user("researcher");
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, other);
  expect((await otherPage.request.get(`/api/studies/${study.slug}/export/judgments?identities=1`)).status()).toBe(404);
  expect((await otherPage.request.get(`/api/studies/${study.slug}/export/raters?identities=1`)).status()).toBe(404);
  await elsewhere.close();
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`/api/studies/${study.slug}/export/judgments?identities=1`)).status()).toBe(401);
  await anonymous.close();
  // A value that is neither yes nor no is refused, not guessed.
  expect((await page.request.get(`/api/studies/${study.slug}/export/judgments?identities=perhaps`)).status()).toBe(400);
});

test("the raters of a single-answer study, the raters let in and the review queue say who each rater is", async ({ page }) => {
  const { researcher, study, ada, prolific, pairs, name } = await judgedStudy("absolute");
  const assignment = await db().assignment.findFirstOrThrow({ where: { pairId: pairs[0].id, raterId: prolific.id } });
  await db().flag.create({ data: { assignmentId: assignment.id, pairId: pairs[0].id, raterId: prolific.id, reason: "broken" } });
  await signIn(page, researcher);

  await page.goto(`/studies/${study.slug}`);
  const raters = page.getByRole("region", { name: "Raters, scrollable" });
  await expect(raters.locator(`tr[data-rater="${name(prolific)}"] [data-cell="who"]`)).toHaveText(`Prolific ${PROLIFIC_ID}`);
  await page.getByLabel("Find raters by email, name, platform id or pseudonym").fill("prolific");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(raters.locator("tr[data-rater]")).toHaveCount(1);
  await page.getByText("More downloads").click();
  const labels = await download(page, "Labels with identities (CSV)");
  expect(labels.rows.find((row) => row.rater === name(prolific))).toMatchObject({ platform: "prolific", platform_id: PROLIFIC_ID, rater_email: "" });
  await expect(page.locator("body")).not.toContainText(MADE_UP);

  // The raters let in: the participants by platform and id beside their pseudonym.
  await page.goto(`/studies/${study.slug}/settings`);
  const letIn = page.getByRole("region", { name: "Raters" });
  await expect(letIn.getByText(`Prolific ${PROLIFIC_ID}`)).toBeVisible();
  await expect(letIn.getByText(name(prolific))).toBeVisible();
  await expect(page.locator("body")).not.toContainText(MADE_UP);
  await letIn.getByRole("button", { name: `Remove Prolific ${PROLIFIC_ID}` }).click();
  await expect(letIn.getByText(`Prolific ${PROLIFIC_ID}`)).toHaveCount(0);

  // The review queue: the reporter beside their pseudonym; the history names them by platform.
  await page.goto(`/studies/${study.slug}/review`);
  const item = page.locator(`article[data-item="${pairs[0].id}"]`);
  await expect(item.locator('[data-cell="rater"]')).toContainText(name(prolific));
  await expect(item.locator('[data-cell="rater"]')).toContainText(`Prolific ${PROLIFIC_ID}`);
  await page.goto(`/studies/${study.slug}`);
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
  await expect(history).toContainText(`${researcher.email}: rater let out: Prolific ${PROLIFIC_ID}`);
  await expect(page.locator("body")).not.toContainText(MADE_UP);
  await expect(raters.locator(`tr[data-rater="${name(ada)}"] [data-cell="who"]`)).toHaveText(`${ada.email} (Ada Lovelace)`);
});
