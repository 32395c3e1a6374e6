import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { flagInOwnStudy, judgeInOwnStudy, skipInOwnStudy } from "@/lib/testing/own-study";
import { expect, seed, signIn, test } from "../fixtures/test";

const NOTE = "The answer stops in the middle of a sentence.";

test("a researcher reviews a flagged and skipped pair, removes it from the study and downloads the reports", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, baselines: ["Bard"], judgmentsPerPair: 2, createdById: researcher.id });
  const [first, second] = [await seed.user("rater"), await seed.user("rater")];

  // The first rater flags the first pair they get and judges it, and judges the other; the second
  // skips that pair and judges the other.
  const shown = (await nextAssignment(study.id, first.id))!;
  const { pairId } = await db().assignment.findUniqueOrThrow({ where: { id: shown.assignmentId } });
  await flagInOwnStudy(first.id, { assignmentId: shown.assignmentId, reason: "broken", note: NOTE });
  await judgeInOwnStudy(first.id, { assignmentId: shown.assignmentId, choice: "left" });
  await judgeInOwnStudy(first.id, { assignmentId: (await nextAssignment(study.id, first.id))!.assignmentId, choice: "left" });
  for (let item = await nextAssignment(study.id, second.id); item; item = await nextAssignment(study.id, second.id)) {
    const { pairId: itemPair } = await db().assignment.findUniqueOrThrow({ where: { id: item.assignmentId } });
    if (itemPair === pairId) await skipInOwnStudy(second.id, item.assignmentId, "The content is broken");
    else await judgeInOwnStudy(second.id, { assignmentId: item.assignmentId, choice: "neither" });
  }
  const counted = async () => db().judgment.count({ where: { studyId: study.id, pair: { removedAt: null } } });
  expect(await counted()).toBe(3);

  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  const bard = page.locator('tr[data-baseline="Bard"]');
  const judged = async () => {
    const cells = await Promise.all(["win", "tie", "loss"].map((cell) => bard.locator(`[data-cell="${cell}"]`).innerText()));
    return cells.reduce((sum, text) => sum + Number(text.match(/\((\d+)\)/)![1]), 0);
  };
  expect(await judged()).toBe(3);

  await page.getByRole("link", { name: "Review flags (1)" }).click();
  await expect(page.getByRole("heading", { name: "Flags and skips" })).toBeVisible();
  const item = page.locator(`article[data-item="${pairId}"]`);
  await expect(item).toHaveAttribute("data-state", "open");
  await expect(item.getByText(NOTE)).toBeVisible();
  await expect(item.locator('[data-reasons="flag"]')).toHaveText("Broken: 1");
  await expect(item.locator('[data-reasons="skip"]')).toHaveText("The content is broken: 1");
  await expect(item.getByText("1 flag · 1 skip")).toBeVisible();
  // Raters by pseudonym, beside who they are (the study's researchers see it), and which system wrote which answer.
  await expect(item.getByText(first.email)).toHaveCount(1);
  await expect(item.getByText(second.email)).toHaveCount(1);
  await expect(item.getByText(/^rater-[0-9a-f]{10}$/)).toHaveCount(2);
  await expect(item.getByRole("heading", { name: /^LIMA/ })).toBeVisible();
  await expect(item.getByRole("heading", { name: "Bard", exact: true })).toBeVisible();

  await item.getByRole("button", { name: `Remove from study: pair ${pairId}` }).click();
  await expect(page.getByRole("link", { name: "Open (0)" })).toBeVisible();
  await page.getByRole("link", { name: "Removed (1)" }).click();
  await expect(item).toHaveAttribute("data-state", "removed");
  await expect(item.getByRole("button", { name: `Put back: pair ${pairId}` })).toBeVisible();

  // Every reported flag and skip, in one download.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download flags and skips (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${study.slug}-review-.*\\.csv$`));
  const rows = parse(await readFile(await file.path()), { columns: true }) as Record<string, string>[];
  expect(rows.map((row) => [row.pair_id, row.kind, row.reason, row.note, row.state]).sort()).toEqual([
    [pairId, "flag", "broken", NOTE, "removed"],
    [pairId, "skip", "The content is broken", "", "removed"],
  ]);
  expect(rows.every((row) => /^rater-[0-9a-f]{10}$/.test(row.rater) && row.target_system === "LIMA" && row.baseline_system === "Bard")).toBe(true);

  // The study's page: the removal is in the history, and the figures no longer count the pair's judgment.
  await page.getByRole("link", { name: `← ${(await db().study.findUniqueOrThrow({ where: { id: study.id } })).title}` }).click();
  await expect(page.getByRole("link", { name: "Review flags (0)" })).toBeVisible();
  await expect(page.getByText(new RegExp(`item removed: pair ${pairId} \\(prompt p\\d: LIMA vs Bard\\)`))).toBeVisible();
  expect(await counted()).toBe(2);
  await expect.poll(judged).toBe(2);

  // The judgments download still lists it, marked.
  const judgments = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download judgments (CSV)" }).click();
  const listed = parse(await readFile(await (await judgments).path()), { columns: true }) as Record<string, string>[];
  expect(listed.map((row) => [row.pair_id === pairId, row.removed]).sort()).toEqual([
    [false, "false"],
    [false, "false"],
    [true, "true"],
  ]);
});
