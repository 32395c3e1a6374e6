import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { studyBundle } from "@/lib/export/study-bundle";
import { summaryCsv } from "@/lib/export/summary-csv";
import type { Choice } from "@/lib/assign/policy";
import { analyzeBundle } from "@/lib/results/analyze-bundle";
import { excludeRater } from "@/lib/results/rater-exclusion";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { studyResults } from "@/lib/results/study-results";
import { studySettings, updateStudySettings } from "@/lib/studies/study-settings";
import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const pseudonym = (studyId: string, raterId: string) => `rater-${createHash("md5").update(`${studyId}:${raterId}`).digest("hex").slice(0, 10)}`;

/** Each rater in turn judges every pair they are given, choosing in the order `choices` cycles through. */
async function judgeAll(studyId: string, raters: { id: string }[], choices: readonly Choice[]) {
  let step = 0;
  for (const rater of raters) {
    for (let shown = await nextAssignment(studyId, rater.id); shown; shown = await nextAssignment(studyId, rater.id)) {
      await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: choices[step++ % choices.length] });
    }
  }
}

/** "Both are bad" per baseline as counted here from the rows: the judgments of raters not excluded, on ordinary pairs. */
async function countedBothBad(studyId: string, raterIds?: string[]) {
  const rows = await db().judgment.findMany({
    where: { studyId, choice: "both_bad", pair: { goldVerdict: null, removedAt: null }, rater: { exclusions: { none: { studyId } } }, ...(raterIds ? { raterId: { in: raterIds } } : {}) },
    select: { pair: { select: { baselineResponse: { select: { system: { select: { name: true } } } } } } },
  });
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const name = row.pair.baselineResponse!.system.name;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

const lines = async (studyId: string) => (await new Response(studyBundle(studyId)).text()).trim().split("\n");

describe('the figures of "Both are bad"', () => {
  it("count it among the ties, and on its own beside them, on the page, in the summary CSV, the judgments' export and the bundle, which analyze recomputes", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 6, baselines: ["Alpaca 65B", "GPT-4"], judgmentsPerPair: 3, offerBothBad: true, createdById: owner.id });
    const raters = [await makeUser("rater"), await makeUser("rater"), await makeUser("rater")];
    await judgeAll(study.id, raters, ["both_bad", "left", "neither", "right", "both_bad", "left", "both_bad"]);
    // The third rater's judgments are left out of every figure, "Both are bad" among them.
    await excludeRater(study.id, pseudonym(study.id, raters[2].id), owner.id, null);
    const expected = await countedBothBad(study.id);
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(2);

    const every = await studyResults(study.id, "every", EVERY_JUDGMENT);
    expect(every.bothBadShown).toBe(true);
    for (const baseline of every.baselines) {
      const judgments = baseline.wins + baseline.ties + baseline.losses;
      expect(baseline.bothBad).toEqual({ judgments, ties: baseline.ties, bothBad: expected[baseline.baseline] ?? 0, share: (expected[baseline.baseline] ?? 0) / judgments });
      expect(baseline.bothBad!.bothBad).toBeLessThanOrEqual(baseline.ties);
    }
    // By majority the ties are pairs; "Both are bad" stays counted over every judgment.
    const majority = await studyResults(study.id, "majority", EVERY_JUDGMENT);
    expect(majority.baselines.map((baseline) => baseline.bothBad)).toEqual(every.baselines.map((baseline) => baseline.bothBad));
    // Filtered to one rater, the same SQL counts only theirs.
    const one = await studyResults(study.id, "every", { ...EVERY_JUDGMENT, raters: [pseudonym(study.id, raters[0].id)] });
    const theirs = await countedBothBad(study.id, [raters[0].id]);
    expect(Object.fromEntries(one.baselines.map((baseline) => [baseline.baseline, baseline.bothBad!.bothBad]))).toEqual({ "Alpaca 65B": theirs["Alpaca 65B"] ?? 0, "GPT-4": theirs["GPT-4"] ?? 0 });

    // The summary download: two last columns, the raters' rows filled.
    const summary = parse(await summaryCsv(study.id, "every", EVERY_JUDGMENT), { columns: true }) as Record<string, string>[];
    expect(Object.keys(summary[0]).slice(-2)).toEqual(["both_bad", "both_bad_share"]);
    for (const baseline of every.baselines) {
      const row = summary.find((r) => r.source === "raters" && r.baseline === baseline.baseline)!;
      expect(row).toMatchObject({ ties: String(baseline.ties), both_bad: String(baseline.bothBad!.bothBad), both_bad_share: baseline.bothBad!.share!.toFixed(4) });
    }

    // The judgments' export names the choice, with its verdict a tie.
    const exported = parse(await new Response(await judgmentsExport(study.id, "csv")).text(), { columns: true }) as Record<string, string>[];
    const said = exported.filter((row) => row.side_chosen === "both_bad");
    expect(said).toHaveLength(await db().judgment.count({ where: { studyId: study.id, choice: "both_bad" } }));
    expect(new Set(said.map((row) => row.verdict))).toEqual(new Set(["tie"]));

    // The bundle: the study offers it, its judgments say it, and a figure of its own that analyze recomputes.
    const bundle = await lines(study.id);
    const records = bundle.map((line) => JSON.parse(line));
    expect(records[0].study.offerBothBad).toBe(true);
    expect(records.filter((record) => record.kind === "judgment" && record.choice === "both_bad").every((record) => record.verdict === "tie")).toBe(true);
    const figures = records.filter((record) => record.kind === "figure");
    expect(figures.map((record) => record.name).slice(0, 3)).toEqual(["summary-every", "summary-majority", "both-bad"]);
    expect(figures.find((record) => record.name === "both-bad").value).toEqual(every.baselines.map(({ baseline, bothBad }) => ({ baseline, ...bothBad })));
    const analysis = await analyzeBundle(bundle);
    expect(analysis.differs).toEqual([]);
    if (analysis.shape !== "preference") throw new Error("a pairwise study's bundle holds a preference's figures");
    expect(analysis.recomputed.bothBad?.map((row) => row.bothBad)).toEqual(every.baselines.map((baseline) => baseline.bothBad!.bothBad));
    // One "Both are bad" more, by hand, is found.
    const edited = bundle.map((line) => (line.includes('"name":"both-bad"') ? line.replace(/"bothBad":(\d+)/, (_, n) => `"bothBad":${Number(n) + 1}`) : line));
    expect((await analyzeBundle(edited)).differs).toEqual(["both-bad"]);
    // A judgment turned from "Both are bad" to "neither" leaves the ties (and the summaries) as they were: the
    // both-bad figure differs, and the raters', whose "neither" counts the one option and not the other.
    const turned = bundle.map((line, i) => (i === bundle.findIndex((l) => l.includes('"choice":"both_bad"') && !l.includes('"excluded":true')) ? line.replace('"choice":"both_bad"', '"choice":"neither"') : line));
    expect((await analyzeBundle(turned)).differs).toEqual(["both-bad", "raters"]);
  });

  it("are shown only where the study offers it or has some: none in a study that never did, all zeros in one that offers it unused, and kept after it stops offering it", async () => {
    const owner = await makeUser("researcher");
    const never = await seedStudy({ prompts: 2, baselines: ["Claude"], createdById: owner.id });
    const unused = await seedStudy({ prompts: 2, baselines: ["Claude"], offerBothBad: true, createdById: owner.id });
    const stopped = await seedStudy({ prompts: 2, baselines: ["Claude"], offerBothBad: true, createdById: owner.id });
    const rater = await makeUser("rater");
    await judgeAll(never.id, [rater], ["left", "neither"]);
    await judgeAll(unused.id, [rater], ["left", "neither"]);
    await judgeAll(stopped.id, [rater], ["both_bad", "neither"]);
    expect(await updateStudySettings(stopped.id, { ...(await studySettings(stopped.id)), offerBothBad: false }, owner.id)).toEqual({});

    const results = await studyResults(never.id, "every", EVERY_JUDGMENT);
    expect([results.bothBadShown, results.baselines[0].bothBad]).toEqual([false, null]);
    expect(Object.keys((parse(await summaryCsv(never.id, "every", EVERY_JUDGMENT), { columns: true }) as Record<string, string>[])[0])).not.toContain("both_bad");
    const neverBundle = await lines(never.id);
    expect(neverBundle.some((line) => line.includes('"name":"both-bad"'))).toBe(false);
    expect((await analyzeBundle(neverBundle)).differs).toEqual([]);

    const offered = await studyResults(unused.id, "every", EVERY_JUDGMENT);
    expect([offered.bothBadShown, offered.baselines[0].bothBad]).toEqual([true, { judgments: 2, ties: 1, bothBad: 0, share: 0 }]);
    expect((await analyzeBundle(await lines(unused.id))).differs).toEqual([]);

    const kept = await studyResults(stopped.id, "every", EVERY_JUDGMENT);
    expect([kept.bothBadShown, kept.baselines[0].bothBad]).toEqual([true, { judgments: 2, ties: 2, bothBad: 1, share: 0.5 }]);
    const stoppedBundle = await lines(stopped.id);
    expect(JSON.parse(stoppedBundle[0]).study.offerBothBad).toBe(false);
    expect(stoppedBundle.some((line) => line.includes('"name":"both-bad"'))).toBe(true);
    expect((await analyzeBundle(stoppedBundle)).differs).toEqual([]);
  });
});
