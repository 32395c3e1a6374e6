import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { lockOwnAssignment } from "@/lib/assign/lock-own-assignment";
import { nextAssignment, nextPair, raterProgress } from "@/lib/assign/next-assignment";
import { nextStep } from "@/lib/assign/rater-loop";
import { rulesFrom } from "@/lib/assign/rules";
import { setAssignmentStatus } from "@/lib/assign/statements";
import { db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { pgDatabase } from "@/lib/sql";
import { studyForRater } from "@/lib/studies/rater-access";
import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const pool = new pg.Pool({ connectionString: databaseUrl(), max: 4 });
afterAll(() => pool.end());

describe("the study read once for a rating step", () => {
  it("carries the rules, and the pair and progress they give are those its id gives", async () => {
    const study = await seedStudy({ prompts: 4, baselines: ["Bard"], judgmentsPerPair: 2, quotaPerRater: 3, goldRate: 0.25 });
    const rater = await makeUser("rater");
    const read = (await studyForRater(study.slug, rater))!;
    expect(rulesFrom(read)).toMatchObject({ studyId: study.id, k: 2, quota: 3, goldRate: 0.25, hideSelfNaming: false });
    for (let step = 0; step < 4; step++) {
      expect(await raterProgress(read, rater.id)).toEqual(await raterProgress(study.id, rater.id));
      const { pair, progress } = await nextStep(read, rater.id);
      expect(await nextAssignment(study.id, rater.id)).toEqual(pair);
      expect(progress).toEqual(await raterProgress(study.id, rater.id));
      if (!pair) break;
      await judgeInOwnStudy(rater.id, { assignmentId: pair.assignmentId, choice: "left" });
    }
    expect(await raterProgress(read, rater.id)).toEqual({ done: 3, remaining: 0, quota: 3 });
  });
});

describe("the engine's statements through pg", () => {
  it("hand out, resume and answer a pair as through Prisma", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Bard"] });
    const rater = await makeUser("rater");
    const database = pgDatabase(pool);
    const rules = rulesFrom((await studyForRater(study.slug, rater))!);
    const shown = await nextPair(database, rules, rater.id);
    expect(shown).not.toBeNull();
    // Prisma's side resumes what pg handed out.
    expect(await nextAssignment(study.id, rater.id)).toEqual(shown);
    await database.transaction(async (tx) => {
      const assignment = await lockOwnAssignment(tx, rater.id, study.slug, shown!.assignmentId);
      expect(assignment).toMatchObject({ status: "active", expired: false, studyStatus: "open", inStudy: true, letIn: true });
      await setAssignmentStatus(tx, assignment.id, "expired");
    });
    expect(await db().assignment.findUniqueOrThrow({ where: { id: shown!.assignmentId }, select: { status: true } })).toEqual({ status: "expired" });
    await expect(database.transaction((tx) => lockOwnAssignment(tx, rater.id, "another-study", shown!.assignmentId))).rejects.toThrow(/not assigned to you/);
    const next = await nextPair(database, rules, rater.id);
    expect(next!.assignmentId).not.toBe(shown!.assignmentId);
  });
});
