import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { KINDS } from "@/lib/kinds";
import { createStudy } from "@/lib/studies/create-study";
import { studyEvents } from "@/lib/studies/study-events";
import { studySettings, updateStudySettings } from "@/lib/studies/study-settings";
import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, seedStudy, uniqueSuffix } from "@/lib/testing/seed-study";
import { BOTH_BAD_NEEDS_TWO_ANSWERS, newStudySchema, studySettingsSchema } from "@/lib/validation/study";

const REFUSED = /This study does not offer "Both are bad", so nothing was recorded/;

const history = async (studyId: string) => (await studyEvents(studyId)).filter((event) => event.what === "offerBothBad").map((event) => [event.before, event.after]);

describe('"Both are bad"', () => {
  it("is refused where the study does not offer it, taken as a tie once it does, and refused again once it does not, as the study says at the write", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 3, baselines: ["Claude"], createdById: owner.id });
    const rater = await makeUser("rater");

    const first = await nextAssignment(study.id, rater.id);
    await expect(judgeInOwnStudy(rater.id, { assignmentId: first!.assignmentId, choice: "both_bad" })).rejects.toThrow(REFUSED);
    expect(await db().judgment.count({ where: { assignmentId: first!.assignmentId } })).toBe(0);
    expect((await db().assignment.findUniqueOrThrow({ where: { id: first!.assignmentId } })).status).toBe("active");

    // Offered from the settings, on the pair the rater already holds: the write reads the study now.
    expect(await updateStudySettings(study.id, { ...(await studySettings(study.id)), offerBothBad: true }, owner.id)).toEqual({});
    expect((await studySettings(study.id)).offerBothBad).toBe(true);
    expect(await history(study.id)).toEqual([["not offered", "offered"]]);
    expect(await judgeInOwnStudy(rater.id, { assignmentId: first!.assignmentId, choice: "both_bad" })).toBe("recorded");
    const judgment = await db().judgment.findUniqueOrThrow({ where: { assignmentId: first!.assignmentId } });
    expect(judgment).toMatchObject({ choice: "both_bad", verdict: "tie" });
    // The pair's counts (what every figure reads) hold it as a tie; the rater's tally as a judgment, on no side.
    expect(await db().pair.findUniqueOrThrow({ where: { id: judgment.pairId }, select: { wins: true, ties: true, losses: true } })).toEqual({ wins: 0, ties: 1, losses: 0 });
    expect(await db().raterTally.findUniqueOrThrow({ where: { studyId_raterId: { studyId: study.id, raterId: rater.id } } })).toMatchObject({
      judgments: 1, left: 0, right: 0, neither: 0,
    });

    // Taken back while the rater holds the next pair: refused there, and nothing changes.
    const second = await nextAssignment(study.id, rater.id);
    expect(await updateStudySettings(study.id, { ...(await studySettings(study.id)), offerBothBad: false }, owner.id)).toEqual({});
    expect(await history(study.id)).toEqual([["offered", "not offered"], ["not offered", "offered"]]);
    await expect(judgeInOwnStudy(rater.id, { assignmentId: second!.assignmentId, choice: "both_bad" })).rejects.toThrow(REFUSED);
    expect(await judgeInOwnStudy(rater.id, { assignmentId: second!.assignmentId, choice: "neither" })).toBe("recorded");
    // The judgment made while it was offered stays.
    expect(await db().judgment.count({ where: { studyId: study.id, choice: "both_bad" } })).toBe(1);
  });

  it("is a tie against a gold pair's known verdict", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Claude"], offerBothBad: true, goldRate: 0.5 });
    const gold = await db().pair.findFirstOrThrow({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await db().pair.update({ where: { id: gold.id }, data: { goldVerdict: "tie" } });
    const rater = await makeUser("rater");
    for (let shown = await nextAssignment(study.id, rater.id); shown; shown = await nextAssignment(study.id, rater.id)) {
      expect(await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: "both_bad" })).toBe("recorded");
    }
    expect(await db().judgment.findFirstOrThrow({ where: { pairId: gold.id } })).toMatchObject({ choice: "both_bad", verdict: "tie", goldCorrect: true });
  });

  it("is offered only where raters compare two answers: the settings refuse it elsewhere and change nothing", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 1, baselines: ["Claude"], kind: "absolute", createdById: owner.id });
    const before = await studySettings(study.id);
    expect(before.offerBothBad).toBe(false);
    expect(await updateStudySettings(study.id, { ...before, offerBothBad: true, judgmentsPerPair: 2 }, owner.id)).toEqual({ offerBothBad: BOTH_BAD_NEEDS_TWO_ANSWERS });
    expect(await studySettings(study.id)).toEqual(before);
    expect(await history(study.id)).toEqual([]);
    // Where a rater of one answer sends it anyway, the answer is of the wrong kind.
    const rater = await makeUser("rater");
    const shown = await nextAssignment(study.id, rater.id);
    await expect(judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: "both_bad" })).rejects.toThrow(KINDS.absolute.judgment.asks);
  });

  it("is set when the study is made, the default instructions listing it; the settings form's box reads as the form sends it", async () => {
    const slug = `both-bad-${uniqueSuffix()}`;
    const parsed = newStudySchema.parse({ slug, title: "Both bad", target: "LIMA", baselines: "GPT-4", offerBothBad: "on" });
    const made = await createStudy(parsed, null);
    const study = await db().study.findUniqueOrThrow({ where: { id: made.id }, select: { offerBothBad: true, instructions: true } });
    expect(study.offerBothBad).toBe(true);
    expect(study.instructions).toBe(KINDS.pairwise.instructionsWithBothBad);
    expect(study.instructions).toContain("- **Both are bad**");
    // Without it, the paper's three options only.
    const plain = await createStudy(newStudySchema.parse({ slug: `${slug}-plain`, title: "Plain", target: "LIMA" }), null);
    expect(await db().study.findUniqueOrThrow({ where: { id: plain.id }, select: { offerBothBad: true, instructions: true } })).toEqual({
      offerBothBad: false,
      instructions: KINDS.pairwise.instructions,
    });
    expect(KINDS.pairwise.instructions).not.toContain("Both are bad");

    // Another kind may not ask for it.
    const refused = newStudySchema.safeParse({ slug: `${slug}-labels`, title: "Labels", target: "LIMA", kind: "absolute", offerBothBad: "on" });
    expect(refused.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([{ path: ["offerBothBad"], message: BOTH_BAD_NEEDS_TWO_ANSWERS }]);
    // A ticked box sends "on", an unticked one nothing.
    const form = { raterTitle: "", instructions: "", judgmentsPerPair: "1", leaseMinutes: "15", rationaleMode: "off", goldPercent: "0" };
    expect(studySettingsSchema.parse({ ...form, offerBothBad: "on" }).offerBothBad).toBe(true);
    expect(studySettingsSchema.parse(form).offerBothBad).toBe(false);
  });
});
