import { flagInOwnStudy, judgeInOwnStudy, skipInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { SIDE_BLOCK } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

async function judgeAll(studyId: string, raterId: string, choice: "left" | "right" | "neither" = "neither") {
  const assignmentIds: string[] = [];
  for (let shown = await nextAssignment(studyId, raterId); shown; shown = await nextAssignment(studyId, raterId)) {
    await judgeInOwnStudy(raterId, { assignmentId: shown.assignmentId, choice });
    assignmentIds.push(shown.assignmentId);
  }
  const assignments = await db().assignment.findMany({ where: { id: { in: assignmentIds } }, include: { pair: true } });
  // In the order the rater got them.
  return assignments.sort((x, y) => assignmentIds.indexOf(x.id) - assignmentIds.indexOf(y.id));
}

describe("assignment rules", () => {
  it("gives the least-judged pairs first", async () => {
    const study = await seedStudy({ prompts: 4, baselines: ["Bard"], judgmentsPerPair: 2 });
    const [first, second] = await Promise.all([makeUser("rater"), makeUser("rater")]);
    for (let i = 0; i < 2; i++) {
      const shown = await nextAssignment(study.id, first.id);
      await judgeInOwnStudy(first.id, { assignmentId: shown!.assignmentId, choice: "left" });
    }
    const judgedByFirst = new Set((await db().assignment.findMany({ where: { raterId: first.id } })).map((a) => a.pairId));
    const shown = await nextAssignment(study.id, second.id);
    const { pairId } = await db().assignment.findUniqueOrThrow({ where: { id: shown!.assignmentId } });
    expect(judgedByFirst.has(pairId)).toBe(false);
  });

  it("shows the target on each side half the time for every rater, over each block of sides", async () => {
    const study = await seedStudy({ prompts: 12, baselines: ["Bard", "Claude"] });
    const rater = await makeUser("rater");
    const done = await judgeAll(study.id, rater.id);
    expect(done).toHaveLength(3 * SIDE_BLOCK);
    const left = done.filter((a) => a.targetSide === "left").length;
    expect(left).toBe(12);
  });

  it("never gives a rater the same prompt twice when the study says so", async () => {
    const study = await seedStudy({ prompts: 3, baselines: ["Bard", "Claude", "GPT-4"], promptOncePerRater: true });
    const rater = await makeUser("rater");
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 0, remaining: 3, quota: null });
    const first = await nextAssignment(study.id, rater.id);
    // The prompt on screen still counts; its other two pairs do not.
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 0, remaining: 3, quota: null });
    await judgeInOwnStudy(rater.id, { assignmentId: first!.assignmentId, choice: "left" });
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 1, remaining: 2, quota: null });
    const done = await judgeAll(study.id, rater.id);
    expect(done).toHaveLength(2);
    const prompts = await db().assignment.findMany({ where: { raterId: rater.id }, select: { pair: { select: { promptId: true } } } });
    expect(new Set(prompts.map((a) => a.pair.promptId)).size).toBe(3);
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 3, remaining: 0, quota: null });
  });

  it("gives gold pairs to every rater beyond k, and records each rater's gold accuracy", async () => {
    // At rate 1 every pair is gold while gold pairs last, which makes the order certain; the
    // mixing at lower rates is the pure policy's, tested on its own.
    const study = await seedStudy({ prompts: 10, baselines: ["Bard"], goldRate: 1 });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await db().pair.updateMany({ where: { id: { in: pairs.slice(0, 2).map((p) => p.id) } }, data: { goldVerdict: "tie" } });

    const [a, b] = await Promise.all([makeUser("rater"), makeUser("rater")]);
    const byA = await judgeAll(study.id, a.id, "neither");
    const byB = await judgeAll(study.id, b.id, "left");
    expect(byA.map((x) => Boolean(x.pair.goldVerdict))).toEqual([true, true, ...Array(8).fill(false)]);
    // The ordinary pairs (k = 1) are all taken; the gold ones are not limited by k.
    expect(byB.map((x) => Boolean(x.pair.goldVerdict))).toEqual([true, true]);

    const gold = await db().judgment.findMany({ where: { pair: { studyId: study.id, goldVerdict: { not: null } } } });
    expect(gold.filter((j) => j.raterId === a.id).map((j) => j.goldCorrect)).toEqual([true, true]);
    expect(gold.filter((j) => j.raterId === b.id).map((j) => j.goldCorrect)).toEqual([false, false]);
    const ordinary = await db().judgment.findMany({ where: { pair: { studyId: study.id, goldVerdict: null } } });
    expect(ordinary.every((j) => j.goldCorrect === null)).toBe(true);
  });

  it("records a skip's reason, never offers that pair to the rater again, and gives it to another", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Bard"] });
    const [skipper, other] = await Promise.all([makeUser("rater"), makeUser("rater")]);
    const shown = await nextAssignment(study.id, skipper.id);
    await skipInOwnStudy(skipper.id, shown!.assignmentId, "I can't judge this topic");
    await skipInOwnStudy(skipper.id, shown!.assignmentId, "twice");
    expect(await db().assignment.findUniqueOrThrow({ where: { id: shown!.assignmentId } })).toMatchObject({
      status: "skipped",
      skipReason: "I can't judge this topic",
    });
    expect(await nextAssignment(study.id, skipper.id)).toBeNull();
    expect(await nextAssignment(study.id, other.id)).not.toBeNull();
    expect(await db().judgment.count({ where: { pair: { studyId: study.id } } })).toBe(0);
  });

  it("records a flag once per reason, apart from judging", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Bard"] });
    const rater = await makeUser("rater");
    const shown = await nextAssignment(study.id, rater.id);
    await flagInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, reason: "offensive", note: "slur in answer B" });
    await flagInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, reason: "offensive" });
    expect(await db().flag.count({ where: { assignmentId: shown!.assignmentId } })).toBe(1);
    expect(await nextAssignment(study.id, rater.id)).toEqual(shown);
    await expect(flagInOwnStudy((await makeUser("rater")).id, { assignmentId: shown!.assignmentId, reason: "broken" })).rejects.toThrow("not assigned to you");
  });

  it("asks for a rationale when the study requires one, and drops it when the study asks for none", async () => {
    const required = await seedStudy({ prompts: 1, baselines: ["Bard"], rationaleMode: "required" });
    const rater = await makeUser("rater");
    const shown = await nextAssignment(required.id, rater.id);
    await expect(judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: "left" })).rejects.toThrow(/say briefly why/);
    expect(await judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: "left", rationale: "More accurate." })).toBe("recorded");

    const off = await seedStudy({ prompts: 1, baselines: ["Bard"] });
    const other = await nextAssignment(off.id, rater.id);
    await judgeInOwnStudy(rater.id, { assignmentId: other!.assignmentId, choice: "left", rationale: "ignored" });
    expect((await db().judgment.findUniqueOrThrow({ where: { assignmentId: other!.assignmentId } })).rationale).toBeNull();
  });
});
