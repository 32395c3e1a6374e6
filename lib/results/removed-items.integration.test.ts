// An item a researcher removed from the study: out of every figure, whichever way the figure is
// counted (the pairs' kept counts, the judgments one by one, the raters' tallies), in the
// downloads marked, and in the bundle marked so that `npm run analyze` leaves it out the same way.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { studyBundle } from "@/lib/export/study-bundle";
import { judgeResults } from "@/lib/judge/judge-results";
import { analyzeBundle } from "@/lib/results/analyze-bundle";
import { answerRaterRows } from "@/lib/results/answer-raters";
import { answerResults } from "@/lib/results/answer-results";
import { studyProgress } from "@/lib/results/progress";
import { excludeRater } from "@/lib/results/rater-exclusion";
import { EVERY_JUDGMENT, type ResultsFilter } from "@/lib/results/results-filter";
import { raterRows, studyResults } from "@/lib/results/study-results";
import { systemRanking } from "@/lib/results/system-ranking";
import { reviewItem } from "@/lib/review/item-review";
import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

// A time range that holds every judgment makes the results count the judgments one by one.
const EVERY_BY_JUDGMENT: ResultsFilter = { ...EVERY_JUDGMENT, from: new Date("2000-01-01T00:00:00Z") };
const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const bundleLines = async (studyId: string) => (await readAll(studyBundle(studyId))).trim().split("\n");

/** What the results page shows of a pairwise study, under one filter. */
async function figures(studyId: string, filter: ResultsFilter) {
  const [every, majority, raters, ranking, progress] = await Promise.all([
    studyResults(studyId, "every", filter),
    studyResults(studyId, "majority", filter),
    raterRows(studyId, filter),
    systemRanking(studyId, filter),
    studyProgress(studyId, filter),
  ]);
  return { every, majority, raters, ranking, progress: { judged: progress.judged, goal: progress.goal } };
}

/**
 * Four raters judge every pair of 6 prompts × 2 baselines (k = 4, one pair gold), the verdicts
 * spread so that pairs disagree; one rater is excluded.
 */
async function judgedStudy() {
  const owner = await makeUser("researcher");
  const study = await seedStudy({ prompts: 6, baselines: ["Bard", "Claude"], judgmentsPerPair: 4, goldRate: 0.1, createdById: owner.id });
  const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
  await db().pair.update({ where: { id: pairs[0].id }, data: { goldVerdict: "win" } });
  const choices = ["left", "right", "neither", "left", "left", "right", "neither"] as const;
  let step = 0;
  for (let r = 0; r < 4; r++) {
    const rater = await makeUser("rater");
    for (let item = await nextAssignment(study.id, rater.id); item; item = await nextAssignment(study.id, rater.id)) {
      await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, choice: choices[step++ % choices.length] });
    }
  }
  const [someone] = await raterRows(study.id, EVERY_JUDGMENT);
  await excludeRater(study.id, someone.rater, owner.id, null);
  return { owner, study, pairs };
}

describe("a removed item", () => {
  it("leaves every figure of a pairwise study, counted from the pairs, the judgments or the tallies alike, and comes back when put back", async () => {
    const { owner, study, pairs } = await judgedStudy();
    const before = await figures(study.id, EVERY_JUDGMENT);
    expect(before.raters.reduce((total, one) => total + one.goldJudged, 0)).toBe(4);
    const judge = await db().judge.create({ data: { studyId: study.id, name: "judge" } });
    await db().judgeVerdict.createMany({ data: pairs.map((pair) => ({ judgeId: judge.id, pairId: pair.id, targetSide: "left" as const, choice: "left" as const, verdict: "win" as const })) });
    const judgedBefore = (await judgeResults(judge.id)).reduce((sum, row) => sum + row.agreement.judgedPairs, 0);

    // An ordinary pair and the gold pair both removed.
    const [gold, removed] = [pairs[0], pairs[1]];
    const counts = await db().pair.findUniqueOrThrow({ where: { id: removed.id } });
    const baseline = (await db().system.findUniqueOrThrow({ where: { id: removed.baselineSystemId! } })).name;
    await reviewItem(study.id, removed.id, "remove", owner.id);
    await reviewItem(study.id, gold.id, "remove", owner.id);

    const after = await figures(study.id, EVERY_JUDGMENT);
    // The same whether the pairs' counts or the judgments themselves are read.
    expect(await figures(study.id, EVERY_BY_JUDGMENT)).toEqual(after);
    const row = (results: typeof before.every, name: string) => results.baselines.find((one) => one.baseline === name)!;
    expect(row(after.every, baseline)).toMatchObject({
      pairs: row(before.every, baseline).pairs - 1,
      wins: row(before.every, baseline).wins - counts.wins,
      ties: row(before.every, baseline).ties - counts.ties,
      losses: row(before.every, baseline).losses - counts.losses,
    });
    expect(after.progress.goal).toBe(before.progress.goal - 4);
    expect(after.progress.judged).toBe(before.progress.judged - (counts.wins + counts.ties + counts.losses));
    const sum = (rows: typeof before.raters, key: "judgments" | "goldJudged") => rows.reduce((total, one) => total + one[key], 0);
    expect(sum(after.raters, "judgments")).toBe(sum(before.raters, "judgments") - 4);
    expect(sum(after.raters, "goldJudged")).toBe(0);
    expect((await judgeResults(judge.id)).reduce((total, one) => total + one.agreement.judgedPairs, 0)).toBe(judgedBefore - 1);

    // The downloads still list its judgments, marked.
    const rows = parse(await readAll(await judgmentsExport(study.id, "csv")), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(await db().judgment.count({ where: { studyId: study.id } }));
    expect(rows.filter((one) => one.removed === "true").map((one) => one.pair_id).sort()).toEqual([...Array(4).fill(gold.id), ...Array(4).fill(removed.id)].sort());
    const lines = (await readAll(await judgmentsExport(study.id, "jsonl"))).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.filter((one) => one.removed === true)).toHaveLength(8);

    // The bundle marks the pairs, lists their judgments, and its figures are recomputed alike.
    const bundle = await bundleLines(study.id);
    const records = bundle.map((line) => JSON.parse(line));
    expect(records[0]).toMatchObject({ version: 5 });
    expect(records.filter((record) => record.kind === "pair" && record.removed).map((record) => record.id).sort()).toEqual([gold.id, removed.id].sort());
    expect(records.filter((record) => record.kind === "judgment")).toHaveLength(rows.length);
    const analysis = await analyzeBundle(bundle);
    expect(analysis.differs).toEqual([]);
    // Read as a version 3 bundle, which had no removed pairs, the figures no longer match.
    const asOlder = [JSON.stringify({ ...records[0], version: 3 }), ...records.slice(1).map((record) => JSON.stringify(record, (key, value) => (key === "removed" ? undefined : value)))];
    expect((await analyzeBundle(asOlder)).differs).toContain("summary-every");

    await reviewItem(study.id, removed.id, "restore", owner.id);
    await reviewItem(study.id, gold.id, "restore", owner.id);
    expect(await figures(study.id, EVERY_JUDGMENT)).toEqual(before);
    expect((await analyzeBundle(await bundleLines(study.id))).differs).toEqual([]);
  });

  it("leaves the figures of a study of one answer at a time, and its bundle's recomputation agrees", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ kind: "absolute", prompts: 3, baselines: ["Bard"], judgmentsPerPair: 2, createdById: owner.id });
    const labels = ["pass", "fail", "excellent", "pass", "pass"] as const;
    let step = 0;
    for (const rater of [await makeUser("rater"), await makeUser("rater")]) {
      for (let item = await nextAssignment(study.id, rater.id); item; item = await nextAssignment(study.id, rater.id)) {
        await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, label: labels[step++ % labels.length] });
      }
    }
    const answerStudy = { id: study.id, kind: "absolute", scaleMin: null, scaleMax: null } as const;
    const answers = async () => (await answerResults(answerStudy, EVERY_JUDGMENT)).systems.map(({ system, labels }) => [system, labels?.answers, labels?.labels]);
    expect(await answers()).toEqual([
      ["LIMA", 3, 6],
      ["Bard", 3, 6],
    ]);
    const lima = await db().pair.findFirstOrThrow({ where: { studyId: study.id, targetSystem: { name: "LIMA" } } });
    await reviewItem(study.id, lima.id, "remove", owner.id);
    expect(await answers()).toEqual([
      ["LIMA", 2, 4],
      ["Bard", 3, 6],
    ]);
    const raters = await answerRaterRows(answerStudy, EVERY_JUDGMENT);
    expect(raters.map((row) => row.judgments)).toEqual([5, 5]);
    expect((await studyProgress(study.id, EVERY_JUDGMENT)).goal).toBe(5 * 2);

    const bundle = await bundleLines(study.id);
    expect(bundle.map((line) => JSON.parse(line)).filter((record) => record.kind === "pair" && record.removed).map((record) => record.id)).toEqual([lima.id]);
    expect((await analyzeBundle(bundle)).differs).toEqual([]);
  });
});
