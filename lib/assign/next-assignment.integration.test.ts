import { judgeInOwnStudy, skipInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

describe("nextAssignment", () => {
  it("resumes the same pair until it is judged, then moves on", async () => {
    const study = await seedStudy({ prompts: 2 });
    const rater = await makeUser("rater");
    const first = await nextAssignment(study.id, rater.id);
    expect(first).not.toBeNull();
    expect(await nextAssignment(study.id, rater.id)).toEqual(first);

    await judgeInOwnStudy(rater.id, { assignmentId: first!.assignmentId, choice: "left" });
    const second = await nextAssignment(study.id, rater.id);
    expect(second!.assignmentId).not.toBe(first!.assignmentId);
  });

  it("stops at the study's quota per rater, counting it down in the progress, even with claims at once", async () => {
    const study = await seedStudy({ prompts: 6, baselines: ["Bard", "Claude"], judgmentsPerPair: 2 });
    await db().study.update({ where: { id: study.id }, data: { quotaPerRater: 3 } });
    const rater = await makeUser("rater");
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 0, remaining: 3, quota: 3 });
    const first = await nextAssignment(study.id, rater.id);
    await judgeInOwnStudy(rater.id, { assignmentId: first!.assignmentId, choice: "left" });
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 1, remaining: 2, quota: 3 });
    // Three tabs asking at once, twice over: never more than the quota in hand or judged.
    for (let round = 0; round < 2; round++) {
      const shown = await Promise.all([1, 2, 3].map(() => nextAssignment(study.id, rater.id)));
      for (const id of new Set(shown.filter(Boolean).map((pair) => pair!.assignmentId))) {
        await judgeInOwnStudy(rater.id, { assignmentId: id, choice: "neither" });
      }
    }
    expect(await db().assignment.count({ where: { raterId: rater.id } })).toBe(3);
    expect(await nextAssignment(study.id, rater.id)).toBeNull();
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 3, remaining: 0, quota: 3 });
    // Another rater has a quota of their own.
    expect(await nextAssignment(study.id, (await makeUser("rater")).id)).not.toBeNull();
  });

  it("shows the target on the side it recorded, and sends no system or pair ids", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["GPT-4"] });
    const rater = await makeUser("rater");
    const shown = await nextAssignment(study.id, rater.id);
    expect(Object.keys(shown!).sort()).toEqual(["assignmentId", "left", "prompt", "right"]);
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: shown!.assignmentId } });
    const pair = shown as Extract<typeof shown, { left: unknown }>;
    expect(pair[assignment.targetSide].text).toMatch(/^Response of system 0 /);
    expect(pair[assignment.targetSide === "left" ? "right" : "left"].text).toMatch(/^Response of system 1 /);
  });

  it("hands every pair of a k = 1 study out at most once under 50 concurrent claims", async () => {
    const study = await seedStudy({ prompts: 10, baselines: ["Alpaca 65B", "Bard"] });
    expect(study.pairs).toBe(20);
    const raters = await Promise.all(Array.from({ length: 50 }, () => makeUser("rater")));
    const shown = await Promise.all(raters.map((rater) => nextAssignment(study.id, rater.id)));

    expect(shown.filter(Boolean)).toHaveLength(20);
    const perPair = await db().assignment.groupBy({
      by: ["pairId"],
      where: { pair: { studyId: study.id } },
      _count: { _all: true },
    });
    expect(perPair).toHaveLength(20);
    expect(perPair.every((row) => row._count._all === 1)).toBe(true);
    // The study's room, kept by triggers as pairs of one prompt fill at once, is gone with it.
    expect(await db().studyRoom.findUniqueOrThrow({ where: { studyId: study.id } })).toMatchObject({ roomyPairs: 0, roomyPrompts: 0 });
    expect(await db().prompt.count({ where: { studyId: study.id, roomyPairs: { not: 0 } } })).toBe(0);
  });

  it("gives each pair to k distinct raters and never twice to one rater", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Bard"], judgmentsPerPair: 2 });
    const [a, b, c] = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("rater")]);
    for (const rater of [a, b]) {
      for (let i = 0; i < 2; i++) {
        const shown = await nextAssignment(study.id, rater.id);
        await judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: "neither" });
      }
      expect(await nextAssignment(study.id, rater.id)).toBeNull();
    }
    expect(await nextAssignment(study.id, c.id)).toBeNull();
    expect(await raterProgress(study.id, a.id)).toEqual({ done: 2, remaining: 0, quota: null });
    expect(await raterProgress(study.id, c.id)).toEqual({ done: 0, remaining: 0, quota: null });
  });

  it("returns a pair whose lease expired to the pool, and still takes the late answer while there is room", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Bard"], judgmentsPerPair: 1 });
    const [slow, other] = await Promise.all([makeUser("rater"), makeUser("rater")]);
    const shown = await nextAssignment(study.id, slow.id);
    expect(await nextAssignment(study.id, other.id)).toBeNull();

    await db().assignment.update({ where: { id: shown!.assignmentId }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect(await judgeInOwnStudy(slow.id, { assignmentId: shown!.assignmentId, choice: "left" })).toBe("recorded");
    expect(await nextAssignment(study.id, other.id)).toBeNull();
  });

  it("refuses a late answer once others have filled the pair, and says so", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Bard"], judgmentsPerPair: 1 });
    const [slow, other] = await Promise.all([makeUser("rater"), makeUser("rater")]);
    const late = await nextAssignment(study.id, slow.id);
    await db().assignment.update({ where: { id: late!.assignmentId }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    const taken = await nextAssignment(study.id, other.id);
    await judgeInOwnStudy(other.id, { assignmentId: taken!.assignmentId, choice: "right" });

    await expect(judgeInOwnStudy(slow.id, { assignmentId: late!.assignmentId, choice: "left" })).rejects.toThrow(/Time ran out/);
    expect(await db().judgment.count({ where: { pair: { studyId: study.id } } })).toBe(1);
  });

  it("keeps each pair's held count equal to its judged and leased assignments through claims, answers, skips and lapses", async () => {
    const study = await seedStudy({ prompts: 3, baselines: ["Bard"], judgmentsPerPair: 2 });
    const raters = await Promise.all(Array.from({ length: 5 }, () => makeUser("rater")));
    const held = async () => {
      const pairs = await db().pair.findMany({
        where: { studyId: study.id },
        select: { heldCount: true, _count: { select: { assignments: { where: { status: { in: ["active", "done"] } } } } } },
      });
      return pairs.map((pair) => [pair.heldCount, pair._count.assignments]);
    };
    const [a, b, c, d, e] = await Promise.all(raters.map((rater) => nextAssignment(study.id, rater.id)));
    await judgeInOwnStudy(raters[0].id, { assignmentId: a!.assignmentId, choice: "left" });
    await skipInOwnStudy(raters[1].id, b!.assignmentId, "I cannot judge this topic");
    await db().assignment.updateMany({ where: { id: { in: [c!.assignmentId, d!.assignmentId] } }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    await judgeInOwnStudy(raters[4].id, { assignmentId: e!.assignmentId, choice: "neither" });
    // Three raters judge until nothing is left: the last places are the lapsed leases', released.
    for (const rater of [raters[0], raters[1], raters[4]]) {
      for (let shown = await nextAssignment(study.id, rater.id); shown; shown = await nextAssignment(study.id, rater.id)) {
        await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: "right" });
      }
    }
    expect(await db().judgment.count({ where: { pair: { studyId: study.id } } })).toBe(6);
    expect(await db().assignment.count({ where: { status: "expired", pair: { studyId: study.id } } })).toBe(2);
    expect(await held()).toEqual([[2, 2], [2, 2], [2, 2]]);
  });
});
