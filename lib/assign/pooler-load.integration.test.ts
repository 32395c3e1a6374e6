// 32 raters judging one study at once through the app's own code (nextAssignment, submitJudgment,
// Prisma on the app's pool), until it is full; then the protocol's rules, checked in SQL. It runs in
// every integration run, and through PgBouncer in transaction pooling mode in
// `npm run test:integration:pgbouncer`, where each transaction may run on another server
// connection: a lock or a setting that outlived its transaction would show here.
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import type { Choice } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { makeRaters } from "@/lib/testing/http-raters";
import { seedStudy } from "@/lib/testing/seed-study";

const RATERS = 32;
const K = 3;
/** × 2 baselines: 100 pairs, 300 judgments to fill the study. */
const PROMPTS = 50;
const CHOICES: Choice[] = ["left", "right", "neither"];

/** Rows of `sql` ($1: the study's id) as numbers. */
async function counts(studyId: string, sql: string): Promise<number> {
  const [{ n }] = await db().$queryRawUnsafe<{ n: number }[]>(sql, studyId);
  return n;
}

describe("32 raters at once", { timeout: 60_000 }, () => {
  it("fill a study exactly: k judgments per pair, none twice to a rater, every acknowledged one stored and counted", async () => {
    const study = await seedStudy({ prompts: PROMPTS, judgmentsPerPair: K });
    const raters = await makeRaters(RATERS, "pooler");
    let acknowledged = 0;
    // Each rater judges what it is given and asks again until there is nothing left for it. No
    // lease expires and none is skipped, so when every rater is done every pair has k judgments.
    await Promise.all(
      raters.map(async (rater, r) => {
        let pair = await nextAssignment(study.id, rater.id);
        for (let n = 0; pair; n++) {
          const outcome = await submitJudgment(rater.id, study.slug, { assignmentId: pair.assignmentId, choice: CHOICES[(r + n) % CHOICES.length] });
          if (outcome === "recorded") acknowledged += 1;
          pair = await nextAssignment(study.id, rater.id);
        }
      }),
    );

    expect(acknowledged).toBe(study.pairs * K);
    expect(await counts(study.id, `SELECT count(*)::int AS n FROM "Judgment" WHERE "studyId" = $1`)).toBe(acknowledged);
    // Every pair full, none past k, and the counts the triggers keep on it agree.
    expect(
      await counts(
        study.id,
        `SELECT count(*)::int AS n FROM "Pair" p
          WHERE p."studyId" = $1
            AND ((SELECT count(*) FROM "Judgment" j WHERE j."pairId" = p.id) <> ${K} OR p.wins + p.ties + p.losses <> ${K})`,
      ),
    ).toBe(0);
    expect(
      await counts(study.id, `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Judgment" WHERE "studyId" = $1 GROUP BY "raterId", "pairId" HAVING count(*) > 1) twice`),
    ).toBe(0);
    // Every assignment handed out was judged: none left leased, none given to a rater twice.
    expect(
      await counts(
        study.id,
        `SELECT count(*)::int AS n FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
          WHERE p."studyId" = $1 AND (a.status <> 'done' OR NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."assignmentId" = a.id))`,
      ),
    ).toBe(0);
    expect(
      await counts(
        study.id,
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
          WHERE p."studyId" = $1 GROUP BY a."raterId", a."pairId" HAVING count(*) > 1) twice`,
      ),
    ).toBe(0);
  });
});
