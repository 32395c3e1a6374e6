import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";
import { expect, seed, signIn, test } from "../fixtures/test";

test("a researcher sees win / tie / loss counts per baseline and downloads the judgments as CSV", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, baselines: ["Alpaca 65B", "GPT-4"], createdById: researcher.id });
  const rater = await seed.user("rater");

  // The rater clicks the target's side, the other side, then "neither", then the target again.
  const targetClicks = ["target", "other", "neither", "target"] as const;
  for (const click of targetClicks) {
    const shown = await nextAssignment(study.id, rater.id);
    const { targetSide } = await db().assignment.findUniqueOrThrow({ where: { id: shown!.assignmentId } });
    const choice = click === "neither" ? "neither" : click === "target" ? targetSide : targetSide === "left" ? "right" : "left";
    await judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice });
  }
  const expected = await db().judgment.groupBy({
    by: ["verdict"],
    where: { pair: { studyId: study.id } },
    _count: { _all: true },
  });
  expect(Object.fromEntries(expected.map((row) => [row.verdict, row._count._all]))).toEqual({ win: 2, loss: 1, tie: 1 });

  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  await expect(page.locator("tr[data-baseline]")).toHaveCount(2);

  const perBaseline = await db().$queryRaw<{ baseline: string; verdict: string; n: number }[]>`
    SELECT s.name AS baseline, j.verdict::text AS verdict, count(*)::int AS n
      FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
      JOIN "Response" r ON r.id = p."baselineResponseId" JOIN "System" s ON s.id = r."systemId"
     WHERE p."studyId" = ${study.id} GROUP BY 1, 2`;
  for (const baseline of study.baselines) {
    const row = page.locator(`tr[data-baseline="${baseline}"]`);
    const count = (verdict: string) => perBaseline.find((r) => r.baseline === baseline && r.verdict === verdict)?.n ?? 0;
    const total = count("win") + count("tie") + count("loss");
    for (const verdict of ["win", "tie", "loss"]) {
      const share = total ? Math.round((100 * count(verdict)) / total) : 0;
      await expect(row.locator(`[data-cell="${verdict}"]`)).toHaveText(`${share}% (${count(verdict)})`);
    }
  }

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download judgments (CSV)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${study.slug}-judgments-.*\\.csv$`));
  const records = parse(await readFile(await download.path()), { columns: true }) as Record<string, string>[];

  const judgments = await db().judgment.findMany({
    where: { pair: { studyId: study.id } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  expect(records.map((r) => [r.pair_id, r.side_chosen, r.verdict, r.created_at])).toEqual(
    judgments.map((j) => [j.pairId, j.choice, j.verdict, j.createdAt.toISOString()]),
  );
  expect(records.every((r) => r.study === study.slug && r.target_system === "LIMA")).toBe(true);

  // The other downloads: JSON lines of the same judgments, the summary, the raters.
  await page.getByText("More downloads").click();
  const jsonlDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Judgments (JSON lines)" }).click();
  const lines = (await readFile(await (await jsonlDownload).path(), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
  expect(lines.map((l) => [l.pair_id, l.verdict, l.gold, typeof l.time_on_task_ms])).toEqual(judgments.map((j) => [j.pairId, j.verdict, false, "number"]));

  const summaryDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Summary per baseline (CSV)" }).click();
  const summary = parse(await readFile(await (await summaryDownload).path()), { columns: true }) as Record<string, string>[];
  expect(summary.map((row) => row.baseline)).toEqual(study.baselines);
  expect(summary.reduce((n, row) => n + Number(row.judgments), 0)).toBe(4);
  expect(summary.every((row) => Number(row.win_lower) <= Number(row.win_share) && Number(row.win_share) <= Number(row.win_upper))).toBe(true);

  const ratersDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Raters (CSV)" }).click();
  const raters = parse(await readFile(await (await ratersDownload).path()), { columns: true }) as Record<string, string>[];
  expect(raters).toHaveLength(1);
  expect(raters[0]).toMatchObject({ rater: records[0].rater, judgments: "4" });
});

test("a researcher excludes a rater, filters by rater, and the page and downloads count the same judgments", async ({ page }) => {
  const researcher = await seed.user("researcher");
  const study = await seed.study({ prompts: 2, baselines: ["Alpaca 65B"], judgmentsPerPair: 2, createdById: researcher.id });
  // One rater always picks the target, the other never does.
  const [fan, critic] = [await seed.user("rater"), await seed.user("rater")];
  for (const [rater, picksTarget] of [[fan, true], [critic, false]] as const) {
    for (let shown = await nextAssignment(study.id, rater.id); shown; shown = await nextAssignment(study.id, rater.id)) {
      const { targetSide } = await db().assignment.findUniqueOrThrow({ where: { id: shown.assignmentId } });
      await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: picksTarget ? targetSide : targetSide === "left" ? "right" : "left" });
    }
  }
  await signIn(page, researcher);
  await page.goto(`/studies/${study.slug}`);
  const alpaca = page.locator('tr[data-baseline="Alpaca 65B"]');
  await expect(alpaca.locator('[data-cell="win"]')).toHaveText("50% (2)");

  const [{ rater: criticName }] = await db().$queryRaw<{ rater: string }[]>`
    SELECT ${raterPseudonym(study.id)} AS rater FROM "Judgment" j WHERE j."raterId" = ${critic.id} LIMIT 1`;

  await page.getByRole("button", { name: `Exclude ${criticName}` }).click();
  await expect(alpaca.locator('[data-cell="win"]')).toHaveText("100% (2)");
  await expect(page.getByRole("row", { name: new RegExp(criticName) })).toContainText("Excluded");
  await page.getByText("More downloads").click();
  const jsonl = page.waitForEvent("download");
  await page.getByRole("link", { name: "Judgments (JSON lines)" }).click();
  const lines = (await readFile(await (await jsonl).path(), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
  expect(lines).toHaveLength(4);
  expect(lines.filter((line) => line.excluded).map((line) => line.rater)).toEqual([criticName, criticName]);

  await page.getByRole("button", { name: `Include ${criticName}` }).click();
  await expect(alpaca.locator('[data-cell="win"]')).toHaveText("50% (2)");

  // Only the critic, through the filter form: the address carries it, and the summary follows.
  await page.getByLabel("Raters (none chosen: all)").selectOption(criticName);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`rater=${criticName}`));
  await expect(alpaca.locator('[data-cell="loss"]')).toHaveText("100% (2)");
  await page.getByText("More downloads").click();
  const summaryDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Summary per baseline (CSV)" }).click();
  const summary = parse(await readFile(await (await summaryDownload).path()), { columns: true }) as Record<string, string>[];
  expect(summary).toMatchObject([{ baseline: "Alpaca 65B", judgments: "2", wins: "0", losses: "2" }]);
});
