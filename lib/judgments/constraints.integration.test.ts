import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

describe("the database's own guarantees", () => {
  it("holds at most one judgment per rater and pair, whatever the code does", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Bard"] });
    const rater = await makeUser("rater");
    const shown = await nextAssignment(study.id, rater.id);
    await judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: "left" });
    const judgment = await db().judgment.findUniqueOrThrow({ where: { assignmentId: shown!.assignmentId } });

    await expect(
      db().assignment.create({
        data: { pairId: judgment.pairId, raterId: rater.id, targetSide: "left", leaseExpiresAt: new Date() },
      }),
    ).rejects.toThrow(/Unique constraint/);
    await expect(
      db().judgment.create({
        data: { ...judgment, id: undefined, assignmentId: shown!.assignmentId },
      }),
    ).rejects.toThrow(/Unique constraint/);
  });
});
