import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { undoJudgment } from "@/lib/judgments/undo-judgment";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { letRaterOut } from "@/lib/studies/study-raters";
import { flagInOwnStudy, judgeInOwnStudy, skipInOwnStudy, undoInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

/** What an undo may change in a study: its judgments and its assignments, as rows. */
async function stateOf(studyId: string) {
  const [judgments, assignments, pairs] = await Promise.all([
    db().judgment.findMany({ where: { studyId }, orderBy: { id: "asc" } }),
    db().assignment.findMany({ where: { pair: { studyId } }, orderBy: { id: "asc" } }),
    db().pair.findMany({ where: { studyId }, orderBy: { id: "asc" }, select: { id: true, heldCount: true, wins: true, ties: true, losses: true } }),
  ]);
  return { judgments, assignments, pairs };
}

/** A rater let into a study of their own, with one judgment made and the next pair handed to them. */
async function judgedOne(options: { openToAllRaters?: boolean; prompts?: number } = {}) {
  const owner = await makeUser("researcher");
  const study = await seedStudy({ prompts: options.prompts ?? 3, baselines: ["Claude"], createdById: owner.id, openToAllRaters: options.openToAllRaters ?? false });
  const rater = await makeUser("rater");
  await db().studyRater.create({ data: { studyId: study.id, raterId: rater.id } });
  const first = (await nextAssignment(study.id, rater.id))!;
  expect(await judgeInOwnStudy(rater.id, { assignmentId: first.assignmentId, choice: "left" })).toBe("recorded");
  const next = (await nextAssignment(study.id, rater.id))!;
  return { owner, study, rater, judged: first.assignmentId, next: next.assignmentId };
}

/** The undo is refused with this code and words, and changes nothing. */
async function expectRefused(studyId: string, undo: () => Promise<void>, code: string, words: string | RegExp) {
  const before = await stateOf(studyId);
  const refusal = await undo().then(
    () => null,
    (error: unknown) => error,
  );
  expect(refusal).toMatchObject({ code });
  expect((refusal as Error).message).toMatch(words);
  expect(await stateOf(studyId)).toEqual(before);
}

describe("undoJudgment", () => {
  it("deletes the rater's last judgment and gives the same pair back, leased afresh; the pair handed out since goes back to the pool", async () => {
    const { study, rater, judged, next } = await judgedOne();
    await db().assignment.update({ where: { id: judged }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    const { timeOnTaskMs } = await db().judgment.findUniqueOrThrow({ where: { assignmentId: judged } });
    const nextPair = (await db().assignment.findUniqueOrThrow({ where: { id: next } })).pairId;

    await undoInOwnStudy(rater.id, judged);

    expect(await db().judgment.count({ where: { studyId: study.id } })).toBe(0);
    const again = await db().assignment.findUniqueOrThrow({ where: { id: judged } });
    expect(again.status).toBe("active");
    expect(again.leaseExpiresAt.getTime()).toBeGreaterThan(Date.now() + 800_000);
    // Time on task goes on from what it was.
    expect(Date.now() - again.shownAt.getTime()).toBeGreaterThanOrEqual(timeOnTaskMs - 5);
    expect(await db().assignment.findUnique({ where: { id: next } })).toBeNull();
    expect((await db().pair.findUniqueOrThrow({ where: { id: nextPair } })).heldCount).toBe(0);
    expect((await db().pair.findUniqueOrThrow({ where: { id: again.pairId } })).heldCount).toBe(1);

    // The same pair is the rater's next step, and their progress counts it as to do again.
    expect((await nextAssignment(study.id, rater.id))?.assignmentId).toBe(judged);
    expect(await raterProgress(study.id, rater.id)).toMatchObject({ done: 0, remaining: 3 });
    // Judged again: recorded afresh, and it can be taken back again.
    expect(await judgeInOwnStudy(rater.id, { assignmentId: judged, choice: "neither" })).toBe("recorded");
    expect(await db().judgment.findUniqueOrThrow({ where: { assignmentId: judged } })).toMatchObject({ choice: "neither", verdict: "tie" });
  });

  it("takes back the last judgment after the pair that followed was skipped, and leaves the skip as it was", async () => {
    const { study, rater, judged, next } = await judgedOne();
    await skipInOwnStudy(rater.id, next, "Other");
    const third = (await nextAssignment(study.id, rater.id))!.assignmentId;
    await undoInOwnStudy(rater.id, judged);
    expect(await db().assignment.findUniqueOrThrow({ where: { id: next } })).toMatchObject({ status: "skipped", skipReason: "Other" });
    expect(await db().assignment.findUnique({ where: { id: third } })).toBeNull();
    expect((await nextAssignment(study.id, rater.id))?.assignmentId).toBe(judged);
  });

  it("refuses a judgment older than a minute", async () => {
    const { study, rater, judged } = await judgedOne();
    await db().judgment.update({ where: { assignmentId: judged }, data: { createdAt: new Date(Date.now() - 61_000) } });
    await expectRefused(study.id, () => undoInOwnStudy(rater.id, judged), "gone", "A judgment can be taken back only for a minute after it, so this one stays recorded.");
  });

  it("refuses a judgment that is not the rater's latest in the study", async () => {
    const { study, rater, judged, next } = await judgedOne();
    await judgeInOwnStudy(rater.id, { assignmentId: next, choice: "right" });
    await expectRefused(study.id, () => undoInOwnStudy(rater.id, judged), "conflict", /^Only your last judgment can be taken back, and you have judged another pair since/);
    // Their latest still can be.
    await undoInOwnStudy(rater.id, next);
    expect(await db().judgment.count({ where: { studyId: study.id } })).toBe(1);
  });

  it("refuses another rater's judgment, and one named under another study's address", async () => {
    const { study, rater, judged } = await judgedOne();
    const intruder = await makeUser("rater");
    await db().studyRater.create({ data: { studyId: study.id, raterId: intruder.id } });
    await expectRefused(study.id, () => undoInOwnStudy(intruder.id, judged), "not_found", "This pair was not assigned to you in this study.");
    const other = await seedStudy({ prompts: 1 });
    await expectRefused(study.id, () => undoJudgment(rater.id, other.slug, judged), "not_found", "This pair was not assigned to you in this study.");
  });

  it("refuses while the study is paused, and once it is closed", async () => {
    const paused = await judgedOne();
    await changeStudyStatus(paused.study.id, "paused", paused.owner.id);
    await expectRefused(paused.study.id, () => undoInOwnStudy(paused.rater.id, paused.judged), "conflict", "This study is paused, so your judgment stays as it was. Please come back later.");

    const closed = await judgedOne();
    await changeStudyStatus(closed.study.id, "closed", closed.owner.id);
    await expectRefused(closed.study.id, () => undoInOwnStudy(closed.rater.id, closed.judged), "gone", "This study has ended, so your judgments stay as they are. Thank you for taking part.");
  });

  it("refuses a rater let out of the study, or whose account was disabled", async () => {
    const out = await judgedOne();
    await letRaterOut(out.study.id, out.rater.id, out.owner.id);
    await expectRefused(out.study.id, () => undoInOwnStudy(out.rater.id, out.judged), "not_found", "You are no longer taking part in this study, so your judgments stay as they are.");

    const disabled = await judgedOne({ openToAllRaters: true });
    await db().user.update({ where: { id: disabled.rater.id }, data: { disabledAt: new Date() } });
    await expectRefused(disabled.study.id, () => undoInOwnStudy(disabled.rater.id, disabled.judged), "not_found", /^You are no longer taking part in this study/);
  });

  it("refuses a pair without a judgment, and keeps the judgment once the pair after it was reported", async () => {
    const { study, rater, judged, next } = await judgedOne();
    await expectRefused(study.id, () => undoInOwnStudy(rater.id, next), "conflict", "There is no judgment of yours on this pair to take back.");
    await flagInOwnStudy(rater.id, { assignmentId: next, reason: "broken" });
    await expectRefused(study.id, () => undoInOwnStudy(rater.id, judged), "conflict", "You reported a problem with the pair after this one, so this judgment stays recorded.");
    expect(await db().flag.count({ where: { assignmentId: next } })).toBe(1);
  });

  it("takes back one judgment when the undo arrives many times at once, and refuses the others", async () => {
    const { study, rater, judged } = await judgedOne();
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => undoInOwnStudy(rater.id, judged)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "conflict", message: "There is no judgment of yours on this pair to take back." });
    }
    expect(await db().judgment.count({ where: { studyId: study.id } })).toBe(0);
    expect(await db().assignment.count({ where: { pair: { studyId: study.id }, status: "active" } })).toBe(1);
  });

  it("lets a rater who was let out meanwhile keep no lease: the letting out waits for the undo or is seen by it", async () => {
    for (let round = 0; round < 10; round++) {
      const { owner, study, rater, judged } = await judgedOne();
      await Promise.allSettled([undoInOwnStudy(rater.id, judged), letRaterOut(study.id, rater.id, owner.id)]);
      expect(await db().assignment.count({ where: { raterId: rater.id, status: "active" } })).toBe(0);
      // Whichever came first, the pairs' held counts agree with the assignments.
      const pairs = await db().pair.findMany({ where: { studyId: study.id }, select: { heldCount: true, _count: { select: { assignments: { where: { status: { in: ["active", "done"] } } } } } } });
      for (const pair of pairs) expect(pair.heldCount).toBe(pair._count.assignments);
    }
  });
});
