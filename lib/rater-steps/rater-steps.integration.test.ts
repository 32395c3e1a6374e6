import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { STOPPED_MESSAGE } from "@/lib/assign/lock-own-assignment";
import { nextStep } from "@/lib/assign/rater-loop";
import { db } from "@/lib/db";
import { giveConsent } from "@/lib/rater-steps/consent";
import { updateRaterSteps } from "@/lib/rater-steps/settings";
import { raterStep } from "@/lib/rater-steps/step";
import { answerTraining, trainingItem } from "@/lib/rater-steps/training";
import { includeRater } from "@/lib/results/rater-exclusion";
import { crowdLinkOf, enterThroughCrowdLink, updateCrowdLink, viewCrowdLink } from "@/lib/studies/crowd-link";
import { judgeInOwnStudy, undoInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";
import { crowdLinkSchema, readVisit } from "@/lib/validation/crowd-link";
import { raterStepsSchema } from "@/lib/validation/rater-steps";

const stepsOf = (id: string) => db().study.findUniqueOrThrow({ where: { id }, select: { id: true, consentText: true, trainingItems: true, attentionAfter: true } });

/** A pairwise study with `gold` gold pairs (the target better), and the steps given. */
async function studyWith(steps: Record<string, string>, { prompts = 6, gold = 3 } = {}) {
  const owner = await makeUser("researcher");
  const study = await seedStudy({ prompts, baselines: ["Claude"], createdById: owner.id });
  const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" }, select: { id: true } });
  for (const pair of pairs.slice(0, gold)) await db().pair.update({ where: { id: pair.id }, data: { goldVerdict: "win" } });
  expect(await updateRaterSteps(study.id, raterStepsSchema.parse(steps), owner.id)).toEqual({});
  return { owner, study, gold: pairs.slice(0, gold).map((pair) => pair.id) };
}

const counted = async (studyId: string) => (await db().pair.aggregate({ where: { studyId }, _sum: { wins: true, ties: true, losses: true } }))._sum;

/** The side (as shown) the target is on in a rater's assignment. */
const targetSideOf = async (assignmentId: string) => (await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).targetSide;

describe("a study's first steps", () => {
  it("hands out no item before consent, records it once, and keeps every setting change in the history", async () => {
    const { owner, study } = await studyWith({ consentText: "You agree that **your answers** may be published." });
    const rater = await makeUser("rater");
    await db().study.update({ where: { id: study.id }, data: { openToAllRaters: true } });
    expect(await raterStep(await stepsOf(study.id), rater.id)).toEqual({ step: "consent", text: "You agree that **your answers** may be published." });
    expect(await nextAssignment(study.id, rater.id)).toBeNull();
    // The rater's API says why there is no pair.
    expect(await nextStep(study.id, rater.id)).toMatchObject({ pair: null, step: "consent" });
    await giveConsent(rater.id, study.slug);
    await giveConsent(rater.id, study.slug);
    expect(await db().consent.count({ where: { studyId: study.id, raterId: rater.id } })).toBe(1);
    expect(await raterStep(await stepsOf(study.id), rater.id)).toEqual({ step: "rating" });
    expect(await nextStep(study.id, rater.id)).not.toHaveProperty("step");
    // A rater not let in cannot consent to a study that is not open to them.
    const other = await seedStudy({ prompts: 1, openToAllRaters: false });
    await expect(giveConsent(rater.id, other.slug)).rejects.toThrow(/No open study/);

    await updateRaterSteps(study.id, raterStepsSchema.parse({ consentText: "Edited." }), owner.id);
    await updateRaterSteps(study.id, raterStepsSchema.parse({ consentText: "Edited.", attentionAfter: "4", attentionMinPercent: "75" }), owner.id);
    const events = await db().studyEvent.findMany({ where: { studyId: study.id }, orderBy: { createdAt: "asc" }, select: { what: true, before: true, after: true } });
    expect(events).toEqual([
      { what: "consent page", before: "off", after: "on" },
      { what: "consent page", before: "on", after: "edited" },
      { what: "attention checks", before: "none", after: "75% after 4 gold pairs" },
    ]);
  });

  it("refuses half-set attention checks, and training or checks in a study of single answers", async () => {
    expect(raterStepsSchema.safeParse({ attentionAfter: "3" }).error?.issues[0]).toMatchObject({ path: ["attentionMinPercent"] });
    const owner = await makeUser("researcher");
    const absolute = await seedStudy({ prompts: 1, kind: "absolute", createdById: owner.id });
    expect(await updateRaterSteps(absolute.id, raterStepsSchema.parse({ trainingItems: "2" }), owner.id)).toHaveProperty("trainingItems");
    expect(await updateRaterSteps(absolute.id, raterStepsSchema.parse({ attentionAfter: "2", attentionMinPercent: "50" }), owner.id)).toHaveProperty("attentionAfter");
  });

  it("trains on gold pairs with feedback before the first item, counts none of it, and never hands those pairs out again", async () => {
    const { study, gold } = await studyWith({ trainingItems: "2" });
    await db().study.update({ where: { id: study.id }, data: { openToAllRaters: true, goldRate: 0.5 } });
    const rater = await makeUser("rater");
    expect(await raterStep(await stepsOf(study.id), rater.id)).toEqual({ step: "training", answered: 0, of: 2 });
    expect(await nextAssignment(study.id, rater.id)).toBeNull();

    const first = (await trainingItem(study.id, rater.id, 0))!;
    expect(first.item).toMatchObject({ assignmentId: "training-1" });
    expect(await db().trainingAnswer.count({ where: { raterId: rater.id } })).toBe(0);
    // The gold verdict is a win: the target's side is right, the other side wrong.
    const right = await answerTraining(rater.id, study.slug, { position: 1, reference: first.reference, choice: "left" });
    const [answered] = await db().trainingAnswer.findMany({ where: { raterId: rater.id } });
    expect(right).toEqual({ correct: answered.targetSide === "left", expected: answered.targetSide, chosen: "left" });
    await expect(answerTraining(rater.id, study.slug, { position: 1, reference: first.reference, choice: "left" })).rejects.toThrow(/answered already/);
    const next = (await trainingItem(study.id, rater.id, 1))!;
    await expect(answerTraining(rater.id, study.slug, { position: 2, reference: next.reference, choice: "both_bad" })).rejects.toThrow(/does not offer "Both are bad"/);
    // An answer naming another pair than the one due (the page was drawn before the gold pairs changed) records nothing.
    await expect(answerTraining(rater.id, study.slug, { position: 2, reference: first.reference, choice: "left" })).rejects.toThrow(/changed since/);
    const second = await answerTraining(rater.id, study.slug, { position: 2, reference: next.reference, choice: "neither" });
    expect(second).toMatchObject({ correct: false, chosen: "neither" });
    expect(await raterStep(await stepsOf(study.id), rater.id)).toEqual({ step: "rating" });

    const trainedPairs = (await db().trainingAnswer.findMany({ where: { raterId: rater.id } })).map((answer) => answer.pairId);
    expect(trainedPairs.every((id) => gold.includes(id))).toBe(true);
    const given: string[] = [];
    for (let shown = await nextAssignment(study.id, rater.id); shown; shown = await nextAssignment(study.id, rater.id)) {
      given.push((await db().assignment.findUniqueOrThrow({ where: { id: shown.assignmentId } })).pairId);
      await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: "left" });
    }
    expect(given.some((id) => trainedPairs.includes(id))).toBe(false);
    expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(given.length);
    expect((await raterProgress(study.id, rater.id)).remaining).toBe(0);
  });
});

describe("attention checks", () => {
  it("stop a rater below the accuracy once they judged enough gold pairs: no more items, writes refused, out of the figures, in the history; lifting lets them back for good", async () => {
    const { owner, study } = await studyWith({ attentionAfter: "2", attentionMinPercent: "75" }, { prompts: 8, gold: 4 });
    await db().study.update({ where: { id: study.id }, data: { openToAllRaters: true, goldRate: 1 } });
    const rater = await makeUser("rater");
    // Gold rate 1: gold pairs first. Both answered against the known answer.
    for (let i = 0; i < 2; i++) {
      const shown = (await nextAssignment(study.id, rater.id))!;
      const wrong = (await targetSideOf(shown.assignmentId)) === "left" ? "right" : "left";
      await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: wrong });
    }
    const step = await raterStep(await stepsOf(study.id), rater.id);
    expect(step).toEqual({ step: "stopped", reason: "Attention checks: 0 of 2 gold pairs right (0%), below the study's 75%." });
    expect(await nextStep(study.id, rater.id)).toMatchObject({ pair: null, step: "stopped" });
    expect(await db().raterExclusion.findUnique({ where: { studyId_raterId: { studyId: study.id, raterId: rater.id } } })).toMatchObject({ reason: expect.stringContaining("0 of 2") });
    expect((await db().studyEvent.findFirstOrThrow({ where: { studyId: study.id, what: "rater stopped" } })).after).toMatch(/^rater-[0-9a-f]{10}: Attention checks/);
    // The pairs' counted verdicts (what every figure reads) leave them out.
    expect(await counted(study.id)).toEqual({ wins: 0, ties: 0, losses: 0 });

    // A lease held when they were stopped was withdrawn: an answer on it is refused.
    const another = await makeUser("rater");
    const held = (await nextAssignment(study.id, another.id))!;
    await db().raterStop.create({ data: { studyId: study.id, raterId: another.id, reason: "test" } });
    await expect(judgeInOwnStudy(another.id, { assignmentId: held.assignmentId, choice: "left" })).rejects.toThrow(STOPPED_MESSAGE);

    // Included again: judging again, and the same answers do not stop them a second time.
    const [{ pseudonym }] = await db().$queryRaw<{ pseudonym: string }[]>`SELECT 'rater-' || left(md5(${study.id} || ':' || ${rater.id}), 10) AS pseudonym`;
    await includeRater(study.id, pseudonym, owner.id);
    expect(await raterStep(await stepsOf(study.id), rater.id)).toEqual({ step: "rating" });
    const again = (await nextAssignment(study.id, rater.id))!;
    const wrong = (await targetSideOf(again.assignmentId)) === "left" ? "right" : "left";
    await judgeInOwnStudy(rater.id, { assignmentId: again.assignmentId, choice: wrong });
    expect(await raterStep(await stepsOf(study.id), rater.id)).toEqual({ step: "rating" });
    expect((await counted(study.id)).losses).toBe(3);
    expect((await db().studyEvent.findFirstOrThrow({ where: { studyId: study.id, what: "rater included" } })).after).toContain("stop lifted");
  });

  it("leave a rater above the accuracy judging", async () => {
    const { study } = await studyWith({ attentionAfter: "2", attentionMinPercent: "50" }, { prompts: 4, gold: 2 });
    await db().study.update({ where: { id: study.id }, data: { openToAllRaters: true, goldRate: 1 } });
    const rater = await makeUser("rater");
    const sides = [];
    for (let i = 0; i < 2; i++) {
      const shown = (await nextAssignment(study.id, rater.id))!;
      const side = await targetSideOf(shown.assignmentId);
      sides.push(side);
      // One right, one wrong: 50%, not below.
      await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: i === 0 ? side : side === "left" ? "right" : "left" });
    }
    expect(await raterStep(await stepsOf(study.id), rater.id)).toEqual({ step: "rating" });
    expect(await nextAssignment(study.id, rater.id)).not.toBeNull();
  });
});

describe("a stop and the first steps, whatever the settings become", () => {
  it("keep a stopped rater stopped when the checks are turned off, and refuse their undo", async () => {
    const { owner, study } = await studyWith({ attentionAfter: "1", attentionMinPercent: "100" }, { prompts: 4, gold: 2 });
    await db().study.update({ where: { id: study.id }, data: { openToAllRaters: true, goldRate: 1 } });
    const rater = await makeUser("rater");
    const shown = (await nextAssignment(study.id, rater.id))!;
    const wrong = (await targetSideOf(shown.assignmentId)) === "left" ? "right" : "left";
    await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: wrong });
    await expect(undoInOwnStudy(rater.id, shown.assignmentId)).rejects.toThrow(/check questions stopped you/);
    expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(1);
    await updateRaterSteps(study.id, raterStepsSchema.parse({}), owner.id);
    expect(await nextAssignment(study.id, rater.id)).toBeNull();
    expect(await raterStep(await stepsOf(study.id), rater.id)).toMatchObject({ step: "stopped" });
    expect(await nextStep(study.id, rater.id)).toMatchObject({ pair: null, step: "stopped" });
  });

  it("take back a lease held from before the study asked for consent, and refuse an answer on it", async () => {
    const { owner, study } = await studyWith({}, { prompts: 3, gold: 0 });
    await db().study.update({ where: { id: study.id }, data: { openToAllRaters: true } });
    const rater = await makeUser("rater");
    const held = (await nextAssignment(study.id, rater.id))!;
    await updateRaterSteps(study.id, raterStepsSchema.parse({ consentText: "Agree first." }), owner.id);
    await expect(judgeInOwnStudy(rater.id, { assignmentId: held.assignmentId, choice: "left" })).rejects.toThrow(/first steps/);
    expect(await nextAssignment(study.id, rater.id)).toBeNull();
    expect((await db().assignment.findUniqueOrThrow({ where: { id: held.assignmentId } })).status).toBe("withdrawn");
    await giveConsent(rater.id, study.slug);
    expect(await nextAssignment(study.id, rater.id)).not.toBeNull();
  });
});

describe("a quota per crowd link", () => {
  it("holds for the link's participants, while invited raters keep the study's quota", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 6, baselines: ["Claude"], createdById: owner.id, quotaPerRater: 4, openToAllRaters: true });
    await updateCrowdLink(study.id, crowdLinkSchema.parse({ enabled: "on", completionCode: "DONE1", crowdQuota: "2", screenOutCode: "SCREEN1" }), owner.id);
    expect(await crowdLinkOf(study.id)).toMatchObject({ crowdQuota: 2, screenOutCode: "SCREEN1" });
    const visit = readVisit({ PROLIFIC_PID: "quota-participant" });
    if ("problem" in visit) throw new Error(visit.problem);
    const participant = await enterThroughCrowdLink((await crowdLinkOf(study.id)).crowdToken!, visit.visit);
    const invited = await makeUser("rater");
    const judgeAll = async (raterId: string) => {
      let n = 0;
      for (let shown = await nextAssignment(study.id, raterId); shown; shown = await nextAssignment(study.id, raterId), n++) {
        await judgeInOwnStudy(raterId, { assignmentId: shown.assignmentId, choice: "left" });
      }
      return n;
    };
    expect(await raterProgress(study.id, participant.id)).toEqual({ done: 0, remaining: 2, quota: 2 });
    expect(await judgeAll(participant.id)).toBe(2);
    expect(await judgeAll(invited.id)).toBe(4);
    expect(await raterProgress(study.id, participant.id)).toEqual({ done: 2, remaining: 0, quota: 2 });
    const events = await db().studyEvent.findMany({ where: { studyId: study.id }, select: { what: true, after: true } });
    expect(events).toEqual(expect.arrayContaining([{ what: "quota per participant", after: "2" }, { what: "screen-out code", after: "SCREEN1" }]));
    expect(crowdLinkSchema.safeParse({ completionCode: "SAME", screenOutCode: "SAME" }).error?.issues[0]).toMatchObject({ path: ["screenOutCode"] });
  });
});

describe("an MTurk visit", () => {
  it("takes a worker once, through the assignment of their first visit", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 2, baselines: ["Claude"], createdById: owner.id, openToAllRaters: false });
    await updateCrowdLink(study.id, crowdLinkSchema.parse({ enabled: "on", completionCode: "DONE" }), owner.id);
    const token = (await crowdLinkOf(study.id)).crowdToken!;
    const visit = (assignmentId: string) => {
      const read = readVisit({ assignmentId, hitId: "3HIT", workerId: "A1ONCE", turkSubmitTo: "https://www.mturk.com" });
      if ("problem" in read) throw new Error(read.problem);
      return read.visit;
    };
    const worker = await enterThroughCrowdLink(token, visit("3FIRST"));
    expect((await enterThroughCrowdLink(token, visit("3FIRST"))).id).toBe(worker.id);
    await expect(enterThroughCrowdLink(token, visit("3SECOND"))).rejects.toThrow(/through another HIT/);
    expect((await viewCrowdLink(token, visit("3SECOND")))?.refusal).toMatch(/through another HIT/);
    expect((await viewCrowdLink(token, visit("3FIRST")))?.refusal).toBeNull();
    expect(await db().user.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({ participantSessionRef: "3FIRST", participantSubmitTo: "https://www.mturk.com" });
  });

  it("reads MTurk's ids, takes only MTurk's hosts to post back to, and refuses the preview's assignment", () => {
    const accepted = readVisit({ assignmentId: "3ASSIGN", hitId: "3HIT", workerId: "A1WORKER", turkSubmitTo: "https://workersandbox.mturk.com" });
    expect(accepted).toEqual({ visit: { platform: "mturk", participantId: "A1WORKER", studyRef: "3HIT", sessionRef: "3ASSIGN", submitTo: "https://workersandbox.mturk.com" } });
    expect(readVisit({ assignmentId: "3ASSIGN", hitId: "3HIT", workerId: "A1WORKER", turkSubmitTo: "https://evil.example/mturk" })).toEqual({ problem: "turkSubmitTo must be one of MTurk's addresses" });
    expect(readVisit({ assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE", hitId: "3HIT", workerId: "A1", turkSubmitTo: "https://www.mturk.com" })).toHaveProperty("problem", expect.stringContaining("preview"));
  });
});
