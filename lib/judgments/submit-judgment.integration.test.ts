import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

describe("submitJudgment", () => {
  it("records the verdict in the target's terms with the side shown and the time on task", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Claude"], rationaleMode: "optional" });
    const rater = await makeUser("rater");
    const shown = await nextAssignment(study.id, rater.id);
    const assignment = await db().assignment.findUniqueOrThrow({ where: { id: shown!.assignmentId } });

    await judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: assignment.targetSide, rationale: "clearer" });
    const judgment = await db().judgment.findUniqueOrThrow({ where: { assignmentId: shown!.assignmentId } });
    expect(judgment).toMatchObject({ verdict: "win", choice: assignment.targetSide, targetSide: assignment.targetSide, rationale: "clearer" });
    expect(judgment.timeOnTaskMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps one judgment when the same answer arrives many times at once", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Claude"] });
    const rater = await makeUser("rater");
    const shown = await nextAssignment(study.id, rater.id);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: "neither" })),
    );
    expect(outcomes.filter((o) => o === "recorded")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "already_recorded")).toHaveLength(7);
    expect(await db().judgment.count({ where: { assignmentId: shown!.assignmentId } })).toBe(1);
  });

  it("refuses another rater's assignment and changes nothing", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Claude"] });
    const [owner, intruder] = await Promise.all([makeUser("rater"), makeUser("rater")]);
    const shown = await nextAssignment(study.id, owner.id);
    await expect(judgeInOwnStudy(intruder.id, { assignmentId: shown!.assignmentId, choice: "left" })).rejects.toThrow(
      "This pair was not assigned to you in this study.",
    );
    expect(await db().judgment.count({ where: { assignmentId: shown!.assignmentId } })).toBe(0);
  });
});
