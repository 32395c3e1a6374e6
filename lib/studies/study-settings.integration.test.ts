import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { buildPairs } from "@/lib/studies/build-pairs";
import { studyEvents } from "@/lib/studies/study-events";
import { studySettings, updateStudySettings } from "@/lib/studies/study-settings";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";
import { studySettingsSchema } from "@/lib/validation/study";

describe("a study's settings", () => {
  it("saves what changed, writes each change to the history, and refuses a k below what pairs hold", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 1, baselines: ["Bard"], judgmentsPerPair: 2, createdById: owner.id });
    const before = await studySettings(study.id);
    expect(before).toMatchObject({ judgmentsPerPair: 2, leaseMinutes: 15, rationaleMode: "off", goldPercent: 0 });

    expect(await updateStudySettings(study.id, { ...before, judgmentsPerPair: 3, rationaleMode: "required" }, owner.id)).toEqual({});
    expect(await studySettings(study.id)).toMatchObject({ judgmentsPerPair: 3, rationaleMode: "required" });
    expect((await studyEvents(study.id)).map((event) => [event.what, event.before, event.after])).toEqual(
      expect.arrayContaining([
        ["judgmentsPerPair", "2", "3"],
        ["rationaleMode", "off", "required"],
      ]),
    );

    // Two raters hold the pair now: k may not drop to 1.
    await nextAssignment(study.id, (await makeUser("rater")).id);
    await nextAssignment(study.id, (await makeUser("rater")).id);
    const refused = await updateStudySettings(study.id, { ...(await studySettings(study.id)), judgmentsPerPair: 1 }, owner.id);
    expect(refused).toEqual({ judgmentsPerPair: "must be at least 2: a pair already has 2 raters' judgments or leases" });
    expect((await studySettings(study.id)).judgmentsPerPair).toBe(3);

    await changeStudyStatus(study.id, "closed", owner.id);
    await expect(updateStudySettings(study.id, before, owner.id)).rejects.toThrow(/closed: its settings and results are final/);
  });

  it("keeps the instructions' line endings: a form's CRLF saves the text unchanged, with nothing in the history", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 1, baselines: ["Bard"], createdById: owner.id });
    await db().study.update({ where: { id: study.id }, data: { instructions: "First line.\n\n- one\n- two" } });
    const sent = studySettingsSchema.parse({ ...(await studySettings(study.id)), instructions: "First line.\r\n\r\n- one\r\n- two\r\n" });
    expect(await updateStudySettings(study.id, sent, owner.id)).toEqual({});
    expect((await db().study.findUniqueOrThrow({ where: { id: study.id } })).instructions).toBe("First line.\n\n- one\n- two");
    expect((await studyEvents(study.id)).filter((event) => event.what === "instructions")).toEqual([]);
  });

  it("makes a baseline inactive: raters get no pair with it while it is, and its pairs come back after", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 3, baselines: ["Bard", "Claude"], createdById: owner.id });
    const before = await studySettings(study.id);
    expect(before.activeBaselines).toEqual(["Bard", "Claude"]);

    expect(await updateStudySettings(study.id, { ...before, activeBaselines: [] }, owner.id)).toEqual({
      activeBaselines: "must keep at least one baseline active (pause the study to stop all rating)",
    });
    expect(await updateStudySettings(study.id, { ...before, activeBaselines: ["GPT-4"] }, owner.id)).toEqual({
      activeBaselines: "names no baseline of this study: GPT-4",
    });
    expect(await updateStudySettings(study.id, { ...before, activeBaselines: ["Bard"] }, owner.id)).toEqual({});
    expect((await studyEvents(study.id)).map((event) => [event.what, event.before, event.after])).toContainEqual(["activeBaselines", "Bard, Claude", "Bard"]);

    // A pair built while its baseline is inactive waits too.
    const claudePair = await db().pair.findFirstOrThrow({ where: { studyId: study.id, baselineResponse: { system: { name: "Claude" } } } });
    await db().pair.delete({ where: { id: claudePair.id } });
    expect(await buildPairs(study.id)).toBe(1);
    expect(await db().pair.count({ where: { studyId: study.id, active: false } })).toBe(3);

    const rater = await makeUser("rater");
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 0, remaining: 3, quota: null });
    const baselineOf = async (assignmentId: string) =>
      (await db().assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { pair: { include: { baselineResponse: { include: { system: true } } } } } })).pair
        .baselineResponse!.system.name;
    for (let n = 0; n < 3; n++) {
      const shown = await nextAssignment(study.id, rater.id);
      expect(await baselineOf(shown!.assignmentId)).toBe("Bard");
      await judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: "left" });
    }
    expect(await nextAssignment(study.id, rater.id)).toBeNull();

    await updateStudySettings(study.id, { ...(await studySettings(study.id)), activeBaselines: ["Claude", "Bard"] }, owner.id);
    expect(await raterProgress(study.id, rater.id)).toEqual({ done: 3, remaining: 3, quota: null });
    expect(await baselineOf((await nextAssignment(study.id, rater.id))!.assignmentId)).toBe("Claude");
  });
});
