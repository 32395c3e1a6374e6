import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { studyEvents } from "@/lib/studies/study-events";
import { studySettings, updateStudySettings } from "@/lib/studies/study-settings";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

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
});
