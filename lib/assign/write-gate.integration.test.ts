import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { skipAssignment } from "@/lib/assign/skip-assignment";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { flagPair } from "@/lib/judgments/flag-pair";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { letRaterIn, letRaterOut } from "@/lib/studies/study-raters";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

type Path = "judgment" | "skip" | "flag";
const PATHS: Path[] = ["judgment", "skip", "flag"];

function write(path: Path, raterId: string, slug: string, assignmentId: string) {
  if (path === "judgment") return submitJudgment(raterId, slug, { assignmentId, choice: "left" });
  if (path === "skip") return skipAssignment(raterId, slug, assignmentId, "Other");
  return flagPair(raterId, slug, { assignmentId, reason: "broken" });
}

/** Everything a rater's write could change. */
async function writtenBy(raterId: string) {
  const [judgments, flags, assignments] = await Promise.all([
    db().judgment.count({ where: { raterId } }),
    db().flag.count({ where: { raterId } }),
    db().assignment.findMany({ where: { raterId }, select: { id: true, status: true, skipReason: true }, orderBy: { id: "asc" } }),
  ]);
  return { judgments, flags, assignments };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A rater holding a lease in a study, and another open study they may also judge. */
async function leased() {
  const researcher = await makeUser("researcher");
  const study = await seedStudy({ prompts: 3, createdById: researcher.id, openToAllRaters: false });
  const other = await seedStudy({ prompts: 3, createdById: researcher.id });
  const rater = await makeUser("rater");
  await letRaterIn(study.id, rater.email, researcher.id);
  const shown = await nextAssignment(study.id, rater.id);
  return { researcher, study, other, rater, assignmentId: shown!.assignmentId };
}

describe("every write a rater makes checks the study, in the transaction that writes", () => {
  describe.each(PATHS)("%s", (path) => {
    it("is refused under another open study's address, and writes nothing", async () => {
      const { other, rater, assignmentId } = await leased();
      const before = await writtenBy(rater.id);
      const error = await refusal(write(path, rater.id, other.slug, assignmentId));
      expect(error.code).toBe("not_found");
      expect(await writtenBy(rater.id)).toEqual(before);
    });

    it("is refused once the study is paused (409), and writes nothing", async () => {
      const { researcher, study, rater, assignmentId } = await leased();
      await changeStudyStatus(study.id, "paused", researcher.id);
      const before = await writtenBy(rater.id);
      const error = await refusal(write(path, rater.id, study.slug, assignmentId));
      expect([error.code, error.userMessage]).toEqual(["conflict", "This study is paused, so nothing was recorded. Please come back later."]);
      expect(await writtenBy(rater.id)).toEqual(before);
    });

    it("is refused once the study is closed (410), and writes nothing", async () => {
      const { researcher, study, rater, assignmentId } = await leased();
      await changeStudyStatus(study.id, "closed", researcher.id);
      const before = await writtenBy(rater.id);
      const error = await refusal(write(path, rater.id, study.slug, assignmentId));
      expect(error.code).toBe("gone");
      expect(error.userMessage).toMatch(/has ended, so nothing was recorded/);
      expect(await writtenBy(rater.id)).toEqual(before);
    });

    it("is refused once the rater is let out, and writes nothing", async () => {
      const { researcher, study, rater, assignmentId } = await leased();
      await letRaterOut(study.id, rater.id, researcher.id);
      const before = await writtenBy(rater.id);
      const error = await refusal(write(path, rater.id, study.slug, assignmentId));
      expect([error.code, error.userMessage]).toEqual(["not_found", "You are no longer taking part in this study, so nothing was recorded."]);
      expect(await writtenBy(rater.id)).toEqual(before);
    });

    it("is refused on a pair the study took back while paused, after it reopens", async () => {
      const { researcher, study, rater, assignmentId } = await leased();
      await changeStudyStatus(study.id, "paused", researcher.id);
      await changeStudyStatus(study.id, "open", researcher.id);
      const before = await writtenBy(rater.id);
      const error = await refusal(write(path, rater.id, study.slug, assignmentId));
      expect(error.code).toBe("gone");
      expect(await writtenBy(rater.id)).toEqual(before);
      // The rater carries on with another pair.
      const next = await nextAssignment(study.id, rater.id);
      expect(next!.assignmentId).not.toBe(assignmentId);
      await write(path, rater.id, study.slug, next!.assignmentId);
    });

    it("goes through in the open study the assignment belongs to", async () => {
      const { study, rater, assignmentId } = await leased();
      await write(path, rater.id, study.slug, assignmentId);
      const after = await writtenBy(rater.id);
      expect(after.judgments + after.flags + after.assignments.filter((a) => a.status === "skipped").length).toBe(1);
    });
  });

  it("still tells a retry of a judgment recorded before the study closed that it was recorded", async () => {
    const { researcher, study, rater, assignmentId } = await leased();
    expect(await submitJudgment(rater.id, study.slug, { assignmentId, choice: "left" })).toBe("recorded");
    await changeStudyStatus(study.id, "closed", researcher.id);
    expect(await submitJudgment(rater.id, study.slug, { assignmentId, choice: "left" })).toBe("already_recorded");
    expect(await db().judgment.count({ where: { raterId: rater.id } })).toBe(1);
  });

  it("refuses a judgment racing a close: it lands before the close or not at all", async () => {
    for (let round = 0; round < 10; round++) {
      const { researcher, study, rater, assignmentId } = await leased();
      const [judged] = await Promise.allSettled([
        submitJudgment(rater.id, study.slug, { assignmentId, choice: "left" }),
        changeStudyStatus(study.id, "closed", researcher.id),
      ]);
      const recorded = await db().judgment.count({ where: { raterId: rater.id } });
      expect(recorded).toBe(judged.status === "fulfilled" ? 1 : 0);
      // No lease outlives the close.
      expect(await db().assignment.count({ where: { raterId: rater.id, status: "active" } })).toBe(0);
    }
  });
});

describe("pausing, closing and letting a rater out take back the pairs on loan", () => {
  async function heldCounts(studyId: string) {
    const pairs = await db().pair.findMany({ where: { studyId }, select: { heldCount: true, _count: { select: { assignments: { where: { status: { in: ["active", "done"] } } } } } } });
    return pairs.map((pair) => [pair.heldCount, pair._count.assignments]);
  }

  it.each(["paused", "closed"] as const)("when the study is %s: leases withdrawn, held counts and progress agree", async (status) => {
    const researcher = await makeUser("researcher");
    const study = await seedStudy({ prompts: 4, createdById: researcher.id, judgmentsPerPair: 2 });
    const raters = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("rater")]);
    const first = await nextAssignment(study.id, raters[0].id);
    await submitJudgment(raters[0].id, study.slug, { assignmentId: first!.assignmentId, choice: "left" });
    for (const rater of raters) await nextAssignment(study.id, rater.id);
    expect(await db().assignment.count({ where: { pair: { studyId: study.id }, status: "active" } })).toBe(3);

    await changeStudyStatus(study.id, status, researcher.id);
    expect(await db().assignment.count({ where: { pair: { studyId: study.id }, status: "active" } })).toBe(0);
    expect(await db().assignment.count({ where: { pair: { studyId: study.id }, status: "withdrawn" } })).toBe(3);
    for (const [held, live] of await heldCounts(study.id)) expect(held).toBe(live);
    // The judgment stays; only the loans are gone, so pairs held equal pairs judged.
    expect((await db().pair.aggregate({ where: { studyId: study.id }, _sum: { heldCount: true } }))._sum.heldCount).toBe(1);
    expect(await raterProgress(study.id, raters[0].id)).toMatchObject({ done: 1 });
  });

  it("when a rater is let out: only their leases, in that study", async () => {
    const researcher = await makeUser("researcher");
    const study = await seedStudy({ prompts: 3, createdById: researcher.id, openToAllRaters: false });
    const other = await seedStudy({ prompts: 3, createdById: researcher.id });
    const [leaving, staying] = await Promise.all([makeUser("rater"), makeUser("rater")]);
    await letRaterIn(study.id, leaving.email, researcher.id);
    await letRaterIn(study.id, staying.email, researcher.id);
    await nextAssignment(study.id, leaving.id);
    await nextAssignment(study.id, staying.id);
    await nextAssignment(other.id, leaving.id);

    await letRaterOut(study.id, leaving.id, researcher.id);
    const statuses = await db().assignment.findMany({ where: { raterId: { in: [leaving.id, staying.id] } }, select: { raterId: true, status: true, pair: { select: { studyId: true } } } });
    const of = (raterId: string, studyId: string) => statuses.filter((a) => a.raterId === raterId && a.pair.studyId === studyId).map((a) => a.status);
    expect(of(leaving.id, study.id)).toEqual(["withdrawn"]);
    expect(of(leaving.id, other.id)).toEqual(["active"]);
    expect(of(staying.id, study.id)).toEqual(["active"]);
    for (const [held, live] of await heldCounts(study.id)) expect(held).toBe(live);
  });
});
