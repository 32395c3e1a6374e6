import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { breakdownBySourceAndTag } from "@/lib/results/breakdown";
import { raterRows, studyResults } from "@/lib/results/study-results";
import { systemRanking } from "@/lib/results/system-ranking";
import { studyProgress } from "@/lib/results/progress";
import { seedJudgments } from "@/lib/testing/seed-judgments";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { fleissKappa } from "@/lib/stats/agreement";

describe("studyResults", () => {
  it("counts every judgment or each pair's majority, with intervals, a sign test and agreement", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Bard"], judgmentsPerPair: 3 });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    const raters = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("rater")]);
    // Pair 1: win, win, tie (majority win). Pair 2: win, loss, tie (no majority: tie).
    const plan = [
      [pairs[0].id, ["win", "win", "tie"]],
      [pairs[1].id, ["win", "loss", "tie"]],
    ] as const;
    for (const [pairId, verdicts] of plan) {
      for (const [i, verdict] of verdicts.entries()) {
        const assignment = await db().assignment.create({ data: { pairId, raterId: raters[i].id, targetSide: "left", status: "done", leaseExpiresAt: new Date() } });
        const choice = verdict === "win" ? "left" : verdict === "loss" ? "right" : "neither";
        await db().judgment.create({ data: { assignmentId: assignment.id, studyId: study.id, pairId, raterId: raters[i].id, targetSide: "left", verdict, choice, timeOnTaskMs: 1 } });
      }
    }

    const every = await studyResults(study.id, "every", EVERY_JUDGMENT);
    expect(every.baselines).toMatchObject([{ baseline: "Bard", wins: 3, ties: 2, losses: 1 }]);
    expect(every.baselines[0].signTestP).toBeCloseTo(0.625, 10); // 3 wins vs 1 loss: 2·P(X ≤ 1), X ~ B(4, ½) = 2·5/16
    const interval = every.baselines[0].intervals!;
    expect(interval.win.lower).toBeLessThanOrEqual(0.5);
    expect(interval.win.upper).toBeGreaterThanOrEqual(0.5);

    const majority = await studyResults(study.id, "majority", EVERY_JUDGMENT);
    expect(majority.baselines).toMatchObject([{ baseline: "Bard", wins: 1, ties: 1, losses: 0 }]);

    // Tie-discounted accuracy, by hand. Pair 1: (win,win)=1, (win,tie)=½, (win,tie)=½ → 2/3.
    // Pair 2: (win,loss)=0, (win,tie)=½, (loss,tie)=½ → 1/3. Mean over the two pairs: ½.
    expect(every.agreement).toMatchObject({ tieDiscountedAccuracy: 0.5, items: 2, raterPairs: 6 });
    // The target was always on the left: the three wins were left clicks, the loss a right click.
    expect(every.positionBias).toMatchObject({ leftShare: 0.75, decided: 4, neither: 2 });

    // Each rater against the other two. Pair 1: the win raters' others are (win, tie), a tie; the tie
    // rater's are (win, win), a win. Pair 2: the win rater's others are (loss, tie), a tie; the loss
    // rater's (win, tie), a tie; the tie rater's (win, loss), a tie. Only the tie rater agrees, once.
    const rows = await raterRows(study.id, EVERY_JUDGMENT);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ judgments: 2, onSharedPairs: 2, medianSeconds: 0.001, goldJudged: 0 });
    expect(rows.map((r) => r.withMajority).sort()).toEqual([0, 0, 1]);
    expect(rows.map((r) => r.left + r.right + r.neither).sort()).toEqual([2, 2, 2]);
  });

  it("takes Fleiss' κ over uneven raters per pair, pairs judged once counting towards the verdict shares, and agreement per baseline", async () => {
    const study = await seedStudy({ prompts: 4, baselines: ["Alpaca 65B", "Claude"], judgmentsPerPair: 3 });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, include: { baselineResponse: { include: { system: true } } }, orderBy: { id: "asc" } });
    const raters = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("rater")]);
    // One, two or three verdicts a pair: the uneven design of a real crowd study.
    const plans: (readonly ("win" | "tie" | "loss")[])[] = [["win"], ["win", "win", "tie"], ["loss", "tie"], ["tie"], ["win", "loss", "loss"], ["loss", "loss"], ["win"], ["tie", "tie", "win"]];
    for (const [index, pair] of pairs.entries()) {
      for (const [i, verdict] of plans[index].entries()) {
        const assignment = await db().assignment.create({ data: { pairId: pair.id, raterId: raters[i].id, targetSide: "left", status: "done", leaseExpiresAt: new Date() } });
        const choice = verdict === "win" ? "left" : verdict === "loss" ? "right" : "neither";
        await db().judgment.create({ data: { assignmentId: assignment.id, studyId: study.id, pairId: pair.id, raterId: raters[i].id, targetSide: "left", verdict, choice, timeOnTaskMs: 1 } });
      }
    }
    const counts = (plan: readonly string[]) => ["win", "tie", "loss"].map((v) => plan.filter((x) => x === v).length);
    const results = await studyResults(study.id, "every", EVERY_JUDGMENT);
    // fleissKappa is Gwet's generalisation, checked against irrCAC on Krippendorff's uneven data
    // (lib/stats/agreement.test.ts); here every pair's counts reach it, those judged once included.
    expect(results.agreement.fleissKappa).toBeCloseTo(fleissKappa(plans.map(counts)).value!, 12);
    expect(results.agreement.fleissKappa).not.toBeCloseTo(fleissKappa(plans.filter((p) => p.length > 1).map(counts)).value!, 6);
    expect(results.agreement.items).toBe(5);
    for (const baseline of results.baselines) {
      const own = plans.filter((_, index) => pairs[index].baselineResponse?.system.name === baseline.baseline);
      expect(baseline.agreement.fleissKappa).toBeCloseTo(fleissKappa(own.map(counts)).value!, 12);
      expect(baseline.agreement.items).toBe(own.filter((p) => p.length > 1).length);
    }
  });

  it("breaks results down by prompt source and tag", async () => {
    const study = await seedStudy({
      prompts: [
        { source: "reddit-askreddit", tags: ["sensitive"] },
        { source: "reddit-askreddit" },
        { source: "author-written", tags: ["sensitive"] },
      ],
      baselines: ["Bard"],
    });
    await seedJudgments(study.id, { Bard: { wins: 1, ties: 1, losses: 1 } });
    const rows = await breakdownBySourceAndTag(study.id, EVERY_JUDGMENT);
    const total = (by: string, group: string) => rows.filter((r) => r.by === by && r.group === group).reduce((n, r) => n + r.wins + r.ties + r.losses, 0);
    expect(total("source", "reddit-askreddit")).toBe(2);
    expect(total("source", "author-written")).toBe(1);
    expect(total("tag", "sensitive")).toBe(2);
  });

  it("ranks every system by Bradley-Terry", async () => {
    const study = await seedStudy({ prompts: 20, baselines: ["Alpaca 65B", "GPT-4"] });
    await seedJudgments(study.id, { "Alpaca 65B": { wins: 15, ties: 3, losses: 2 }, "GPT-4": { wins: 3, ties: 3, losses: 14 } });
    const ranking = await systemRanking(study.id, EVERY_JUDGMENT);
    expect(ranking!.systems.map((s) => s.system)).toEqual(["GPT-4", "LIMA", "Alpaca 65B"]);
    expect(ranking!.comparisons).toBe(40);
  });

  it("measures progress against every ordinary pair judged k times", async () => {
    const study = await seedStudy({ prompts: 5, baselines: ["Bard"], judgmentsPerPair: 2 });
    await seedJudgments(study.id, { Bard: { wins: 2, ties: 1, losses: 0 } });
    const progress = await studyProgress(study.id, EVERY_JUDGMENT);
    expect(progress).toMatchObject({ judged: 3, goal: 10 });
    expect(progress.perDay).toEqual([{ day: new Date().toISOString().slice(0, 10), judgments: 3 }]);
  });

  it("leaves gold pairs out of every figure", async () => {
    const study = await seedStudy({ prompts: 4, baselines: ["Bard"] });
    await seedJudgments(study.id, { Bard: { wins: 2, ties: 1, losses: 1 } });
    const [gold] = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" }, take: 1 });
    await db().pair.update({ where: { id: gold.id }, data: { goldVerdict: "win" } });
    const results = await studyResults(study.id, "every", EVERY_JUDGMENT);
    expect(results.baselines[0].wins + results.baselines[0].ties + results.baselines[0].losses).toBe(3);
  });
});
