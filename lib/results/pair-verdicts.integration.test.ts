import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import type { Choice, Side, Verdict } from "@/lib/assign/policy";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { breakdownBySourceAndTag } from "@/lib/results/breakdown";
import { studyProgress } from "@/lib/results/progress";
import { excludeRater, includeRater } from "@/lib/results/rater-exclusion";
import { EVERY_JUDGMENT, type ResultsFilter } from "@/lib/results/results-filter";
import { raterRows, studyResults } from "@/lib/results/study-results";
import { systemRanking } from "@/lib/results/system-ranking";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const VERDICTS: Verdict[] = ["win", "tie", "loss"];

function choiceFor(verdict: Verdict, targetSide: Side): Choice {
  if (verdict === "tie") return "neither";
  return verdict === "win" ? targetSide : targetSide === "left" ? "right" : "left";
}

/** Each pair's counts as kept on "Pair", and as counted from its judgments by raters not excluded. */
async function keptAndCounted(studyId: string) {
  return db().$queryRaw<{ kept: number[]; counted: number[] }[]>`
    SELECT ARRAY[p.wins, p.ties, p.losses, p."leftVotes"] AS kept,
           ARRAY[count(j.id) FILTER (WHERE j.verdict = 'win'), count(j.id) FILTER (WHERE j.verdict = 'tie'),
                 count(j.id) FILTER (WHERE j.verdict = 'loss'), count(j.id) FILTER (WHERE j.choice = 'left')]::int[] AS counted
      FROM "Pair" p
      LEFT JOIN "Judgment" j ON j."pairId" = p.id
       AND NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId")
     WHERE p."studyId" = ${studyId}
     GROUP BY p.id`;
}

// A time range that holds every judgment makes the results count the judgments one by one.
const EVERY_BY_JUDGMENT: ResultsFilter = { ...EVERY_JUDGMENT, from: new Date("2000-01-01T00:00:00Z") };

/** The raters table as kept in "RaterTally" and as counted from the judgments. */
async function expectRaterRowsKept(studyId: string) {
  expect(await raterRows(studyId, EVERY_JUDGMENT)).toEqual(await raterRows(studyId, EVERY_BY_JUDGMENT));
}

/** The account behind a pseudonym in the study. */
async function raterIds(studyId: string, pseudonym: string) {
  const rows = await db().$queryRaw<{ raterId: string }[]>`
    SELECT DISTINCT j."raterId" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
     WHERE p."studyId" = ${studyId} AND 'rater-' || left(md5(${studyId} || ':' || j."raterId"), 10) = ${pseudonym}`;
  return rows.map((row) => row.raterId);
}

/** Judgments counted on the study's pairs, all verdicts. */
async function totals(studyId: string) {
  const [{ n }] = await db().$queryRaw<{ n: number }[]>`SELECT sum(wins + ties + losses)::int AS n FROM "Pair" WHERE "studyId" = ${studyId}`;
  return n;
}

/**
 * Four raters judge every pair of a study of 8 prompts × 2 baselines (one pair gold), verdicts
 * and sides spread by a fixed rule so that pairs disagree in different ways.
 */
async function judgedStudy() {
  const study = await seedStudy({ prompts: 8, baselines: ["Bard", "Claude"], judgmentsPerPair: 4 });
  const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
  await db().pair.update({ where: { id: pairs[0].id }, data: { goldVerdict: "win" } });
  const raters = await Promise.all(Array.from({ length: 4 }, () => makeUser("rater")));
  let n = 0;
  for (const [r, rater] of raters.entries()) {
    for (const [i, pair] of pairs.entries()) {
      const verdict = VERDICTS[(i * 7 + r * (i % 3) + (i % 5)) % 3];
      const targetSide: Side = (i + r) % 2 === 0 ? "left" : "right";
      const assignment = await db().assignment.create({ data: { pairId: pair.id, raterId: rater.id, targetSide, status: "done", leaseExpiresAt: new Date() } });
      await db().judgment.create({
        data: {
          assignmentId: assignment.id,
          studyId: study.id,
          pairId: pair.id,
          raterId: rater.id,
          targetSide,
          verdict,
          choice: choiceFor(verdict, targetSide),
          timeOnTaskMs: 1000 * (n++ % 17),
          createdAt: new Date(Date.UTC(2026, 2, 1 + r)),
        },
      });
    }
  }
  return { study, pairs };
}

/** Everything the results page shows, under one filter. */
async function page(studyId: string, filter: ResultsFilter) {
  const [every, majority, raters, breakdown, ranking, progress] = await Promise.all([
    studyResults(studyId, "every", filter),
    studyResults(studyId, "majority", filter),
    raterRows(studyId, filter),
    breakdownBySourceAndTag(studyId, filter),
    systemRanking(studyId, filter),
    studyProgress(studyId, filter),
  ]);
  return { every, majority, raters, breakdown, ranking, judged: progress.judged, perDay: progress.perDay };
}

describe("the pairs' verdict counts", () => {
  it("follow the judgments as they are written, changed and deleted, and leave excluded raters out", async () => {
    const { study, pairs } = await judgedStudy();
    for (const row of await keptAndCounted(study.id)) expect(row.kept).toEqual(row.counted);
    await expectRaterRowsKept(study.id);

    const judgment = await db().judgment.findFirstOrThrow({ where: { pairId: pairs[3].id, verdict: { not: "tie" } } });
    await db().judgment.update({ where: { id: judgment.id }, data: { verdict: "tie", choice: "neither" } });
    await db().judgment.delete({ where: { id: (await db().judgment.findFirstOrThrow({ where: { pairId: pairs[5].id } })).id } });
    for (const row of await keptAndCounted(study.id)) expect(row.kept).toEqual(row.counted);
    await expectRaterRowsKept(study.id);

    // Excluded: their judgments leave the counts, one they make meanwhile is not counted, and
    // letting them back in counts them all again.
    const owner = await makeUser("researcher");
    const [rater] = await raterRows(study.id, EVERY_JUDGMENT);
    await excludeRater(study.id, rater.rater, owner.id, null);
    const ids = await raterIds(study.id, rater.rater);
    const theirs = await db().judgment.findFirstOrThrow({ where: { pairId: pairs[2].id, raterId: { in: ids } } });
    await db().judgment.delete({ where: { id: theirs.id } });
    await db().judgment.create({
      data: { assignmentId: theirs.assignmentId, studyId: theirs.studyId, pairId: theirs.pairId, raterId: theirs.raterId, choice: theirs.choice, verdict: theirs.verdict, targetSide: theirs.targetSide, timeOnTaskMs: theirs.timeOnTaskMs, createdAt: theirs.createdAt },
    });
    for (const row of await keptAndCounted(study.id)) expect(row.kept).toEqual(row.counted);
    await expectRaterRowsKept(study.id);
    const excludedTotals = await totals(study.id);
    await includeRater(study.id, rater.rater, owner.id);
    for (const row of await keptAndCounted(study.id)) expect(row.kept).toEqual(row.counted);
    await expectRaterRowsKept(study.id);
    expect((await totals(study.id)) - excludedTotals).toBe(await db().judgment.count({ where: { raterId: { in: ids } } }));
  });

  it("give the same results page as counting the judgments themselves, with a rater excluded", async () => {
    const { study } = await judgedStudy();
    const everyByJudgment = EVERY_BY_JUDGMENT;
    expect(await page(study.id, EVERY_JUDGMENT)).toEqual(await page(study.id, everyByJudgment));

    const owner = await makeUser("researcher");
    const [first] = await raterRows(study.id, EVERY_JUDGMENT);
    await excludeRater(study.id, first.rater, owner.id, null);
    const afterExclusion = await page(study.id, EVERY_JUDGMENT);
    expect(afterExclusion).toEqual(await page(study.id, everyByJudgment));
    expect(afterExclusion.judged).toBe(3 * 15);
    expect(afterExclusion.every.agreement.items).toBe(15);
    // Each rater judged on a day of their own; the excluded rater's day is gone.
    expect(afterExclusion.perDay).toHaveLength(3);
    expect(afterExclusion.perDay.every((day) => day.judgments === 15)).toBe(true);

    const withGold = { ...EVERY_JUDGMENT, gold: true };
    expect(await page(study.id, withGold)).toEqual(await page(study.id, { ...everyByJudgment, gold: true }));
  });

  it("stay right when a rater is excluded and let back in while they are judging", async () => {
    const study = await seedStudy({ prompts: 12, baselines: ["Bard"], judgmentsPerPair: 1 });
    const [rater, owner] = await Promise.all([makeUser("rater"), makeUser("researcher")]);
    const judge = async () => {
      const shown = await nextAssignment(study.id, rater.id);
      return judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice: "left" });
    };
    await judge();
    const [{ rater: pseudonym }] = await raterRows(study.id, EVERY_JUDGMENT);
    for (let round = 0; round < 8; round++) {
      const change = round % 2 === 0 ? excludeRater(study.id, pseudonym, owner.id, null) : includeRater(study.id, pseudonym, owner.id);
      expect((await Promise.all([judge(), change]))[0]).toBe("recorded");
      for (const row of await keptAndCounted(study.id)) expect(row.kept).toEqual(row.counted);
      await expectRaterRowsKept(study.id);
    }
    expect(await totals(study.id)).toBe(9);
  });

  it("keep every rater's row right while raters judge the same pairs at once", async () => {
    const study = await seedStudy({ prompts: 10, baselines: ["Bard", "Claude"], judgmentsPerPair: 3 });
    const raters = await Promise.all(Array.from({ length: 6 }, () => makeUser("rater")));
    const choices: Choice[] = ["left", "right", "neither"];
    await Promise.all(
      raters.map(async (rater, r) => {
        for (let n = 0; ; n++) {
          const shown = await nextAssignment(study.id, rater.id);
          if (!shown) return;
          await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: choices[(n * (r + 1)) % 3] });
        }
      }),
    );
    expect(await totals(study.id)).toBe(20 * 3);
    const rows = await raterRows(study.id, EVERY_JUDGMENT);
    expect(rows.reduce((sum, row) => sum + row.onSharedPairs, 0)).toBe(60);
    await expectRaterRowsKept(study.id);
  });
});
