import { judgeInOwnStudy, skipInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { pairsOfPrompt, setGoldVerdict } from "@/lib/studies/gold-pairs";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

describe("gold pairs", () => {
  it("lists a prompt's pairs by baseline, and marks and unmarks gold until raters get the pair", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Alpaca 65B", "GPT-4"], goldRate: 1 });
    const prompt = await db().prompt.findFirstOrThrow({ where: { studyId: study.id } });
    const pairs = await pairsOfPrompt(study.id, prompt.id);
    expect(pairs.map((p) => [p.target, p.baseline, p.goldVerdict])).toEqual([
      ["LIMA", "Alpaca 65B", null],
      ["LIMA", "GPT-4", null],
    ]);

    await setGoldVerdict(study.id, pairs[0].id, "loss");
    await setGoldVerdict(study.id, pairs[0].id, "tie");
    expect((await pairsOfPrompt(study.id, prompt.id))[0].goldVerdict).toBe("tie");

    // At gold rate 1 the rater gets the gold pair first, then the other.
    const rater = await makeUser("rater");
    const first = await nextAssignment(study.id, rater.id);
    await judgeInOwnStudy(rater.id, { assignmentId: first!.assignmentId, choice: "neither" });
    await nextAssignment(study.id, rater.id);
    await expect(setGoldVerdict(study.id, pairs[0].id, null)).rejects.toThrow(/already been given this pair/);
    await expect(setGoldVerdict(study.id, pairs[1].id, "win")).rejects.toThrow(/already been given this pair/);
    // The known answer of a gold pair may still be corrected.
    await setGoldVerdict(study.id, pairs[0].id, "win");

    const other = await seedStudy({ prompts: 1 });
    await expect(setGoldVerdict(other.id, pairs[0].id, "win")).rejects.toThrow("That pair is not in this study.");
  });
});

describe("a gold pair cannot be told from an ordinary one by the rater's progress", () => {
  it.each([0.1, 0.2, 0.25])("at a gold rate of %s, every pair judged or skipped moves the figures by one, gold or not", async (goldRate) => {
    const study = await seedStudy({ prompts: 40, baselines: ["Bard"], goldRate });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, select: { id: true }, orderBy: { id: "asc" } });
    // Plenty of gold pairs, so that the expected count of gold pairs to come is never capped.
    for (const pair of pairs.slice(0, 16)) await db().pair.update({ where: { id: pair.id }, data: { goldVerdict: "win" } });
    const rater = await makeUser("rater");
    const steps: { gold: boolean; skipped: boolean; doneMoved: number; remainingMoved: number }[] = [];
    let shown = await nextAssignment(study.id, rater.id);
    let progress = await raterProgress(study.id, rater.id);
    expect(progress.remaining).toBeGreaterThan(24);
    for (let step = 0; shown; step++) {
      const { pair } = await db().assignment.findUniqueOrThrow({ where: { id: shown.assignmentId }, select: { pair: { select: { goldVerdict: true } } } });
      const skipped = step % 7 === 3;
      if (skipped) await skipInOwnStudy(rater.id, shown.assignmentId, "Other");
      else await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: "left" });
      shown = await nextAssignment(study.id, rater.id);
      const after = await raterProgress(study.id, rater.id);
      if (shown) steps.push({ gold: pair.goldVerdict !== null, skipped, doneMoved: after.done - progress.done, remainingMoved: progress.remaining - after.remaining });
      progress = after;
    }
    const gold = steps.filter((s) => s.gold);
    expect(gold.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(step.remainingMoved, JSON.stringify(step)).toBe(1);
      expect(step.doneMoved).toBe(step.skipped ? 0 : 1);
    }
  });
});

describe("a study of gold pairs only", () => {
  it("refuses to make a single answer gold: a known answer is a verdict between two", async () => {
    const study = await seedStudy({ kind: "absolute", prompts: 1, baselines: ["GPT-4"] });
    const item = await db().pair.findFirstOrThrow({ where: { studyId: study.id } });
    await expect(setGoldVerdict(study.id, item.id, "win")).rejects.toThrow("Only a pair of two answers can be gold: this item is one answer.");
    expect((await db().pair.findUniqueOrThrow({ where: { id: item.id } })).goldVerdict).toBeNull();
  });

  it("counts what is left without dividing by zero", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Bard"], goldRate: 1 });
    await db().pair.updateMany({ where: { studyId: study.id }, data: { goldVerdict: "tie" } });
    const rater = await makeUser("rater");
    await nextAssignment(study.id, rater.id);
    expect(await raterProgress(study.id, rater.id)).toMatchObject({ done: 0, remaining: 2 });
  });
});
