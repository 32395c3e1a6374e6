import { createHash } from "node:crypto";
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

/** A rater's pseudonym in the study, as the raters table names them. */
const pseudonymOf = (studyId: string, raterId: string) => `rater-${createHash("md5").update(`${studyId}:${raterId}`).digest("hex").slice(0, 10)}`;

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

  it("compare every rater, counted or excluded, with the majority of the other counted raters on the pair", async () => {
    const study = await seedStudy({ prompts: 6, baselines: ["Bard"], judgmentsPerPair: 4 });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    const [a, b, c, d, owner] = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("rater"), makeUser("rater"), makeUser("researcher")]);
    const judge = async (pair: number, rater: { id: string }, verdict: Verdict) => {
      const assignment = await db().assignment.create({ data: { pairId: pairs[pair].id, raterId: rater.id, targetSide: "left", status: "done", leaseExpiresAt: new Date() } });
      return db().judgment.create({
        data: { assignmentId: assignment.id, studyId: study.id, pairId: pairs[pair].id, raterId: rater.id, targetSide: "left", verdict, choice: choiceFor(verdict, "left"), timeOnTaskMs: 1000 },
      });
    };
    const unjudge = async (pair: number, rater: { id: string }) => {
      await db().judgment.delete({ where: { pairId_raterId: { pairId: pairs[pair].id, raterId: rater.id } } });
    };
    const dName = pseudonymOf(study.id, d.id);
    /** Each rater's [judgments, on shared pairs, agreeing], kept and counted from the judgments alike. */
    const agreement = async () => {
      for (const row of await keptAndCounted(study.id)) expect(row.kept).toEqual(row.counted);
      await expectRaterRowsKept(study.id);
      const rows = await raterRows(study.id, EVERY_JUDGMENT);
      const of = (rater: { id: string }) => {
        const row = rows.find((r) => r.rater === pseudonymOf(study.id, rater.id));
        return row && [row.judgments, row.onSharedPairs, row.withMajority];
      };
      return { a: of(a), b: of(b), c: of(c), d: of(d) };
    };

    // d judges while counted, is excluded, and judges pair 5 while excluded; a, b and c judge after.
    await judge(0, d, "loss");
    await judge(2, d, "loss");
    await judge(4, d, "loss");
    await excludeRater(study.id, dName, owner.id, null);
    await judge(5, d, "win");
    for (const [pair, rater, verdict] of [
      [0, a, "win"], [0, b, "win"], [0, c, "loss"],
      [1, a, "win"],
      [3, a, "win"], [3, b, "tie"], [3, c, "loss"],
      [4, a, "loss"], [4, b, "loss"],
      [5, a, "win"],
    ] as const) {
      await judge(pair, rater, verdict);
    }
    // Pair 0: a and b (win) each have (win, loss) for others, a tie: neither agrees; c (loss) has
    // (win, win), a win; excluded d (loss) has the three counted (win, win, loss), a win. Pair 1 (a
    // alone) and pair 2 (d alone) are judged once: no one's shared pair. Pair 3: a's others (tie,
    // loss) and c's (win, tie) are ties, b's (win, loss) a tie that b's tie agrees with. Pair 4: a
    // and b each have the other's loss, and d agrees with (loss, loss). Pair 5: a's only other is d,
    // not counted, so a shares nothing; d agrees with a's win.
    const excluded = { a: [5, 3, 1], b: [3, 3, 2], c: [2, 2, 0], d: [4, 3, 2] };
    expect(await agreement()).toEqual(excluded);
    // Excluded again, with a reason: nothing moves.
    await excludeRater(study.id, dName, owner.id, "rushed");
    expect(await agreement()).toEqual(excluded);

    // Let back in, d's vote joins everyone else's others (pair 0: a and b now have (win, loss,
    // loss), a loss; c has (win, win, loss), still a win; pair 5 is shared by a, who agrees with d),
    // and d's own others are the same counted raters as before.
    await includeRater(study.id, dName, owner.id);
    const included = { a: [5, 4, 2], b: [3, 3, 2], c: [2, 2, 0], d: [4, 3, 2] };
    expect(await agreement()).toEqual(included);
    await excludeRater(study.id, dName, owner.id, null);
    expect(await agreement()).toEqual(excluded);
    await includeRater(study.id, dName, owner.id);
    expect(await agreement()).toEqual(included);

    // a's judgment of pair 5 gone, d is alone there; an excluded rater's judgment gone moves only their own row.
    await unjudge(5, a);
    expect(await agreement()).toEqual({ a: [4, 3, 1], b: [3, 3, 2], c: [2, 2, 0], d: [4, 2, 1] });
    await excludeRater(study.id, dName, owner.id, null);
    await unjudge(4, d);
    expect(await agreement()).toEqual({ a: [4, 3, 1], b: [3, 3, 2], c: [2, 2, 0], d: [3, 1, 0] });
    // c's loss gone from pair 0: a and b each have the other's win; d's others are (win, win).
    await unjudge(0, c);
    expect(await agreement()).toEqual({ a: [4, 3, 2], b: [3, 3, 3], c: [1, 1, 0], d: [3, 1, 0] });

    // Two raters left out by one statement, and let back in by one: with a and d out, b is alone
    // among the counted on pairs 0 and 4 and a agrees with b's win and loss there.
    await includeRater(study.id, dName, owner.id);
    await db().raterExclusion.createMany({ data: [a, d].map((rater) => ({ studyId: study.id, raterId: rater.id, excludedById: owner.id })) });
    expect(await agreement()).toEqual({ a: [4, 3, 2], b: [3, 1, 0], c: [1, 1, 0], d: [3, 1, 0] });
    await db().raterExclusion.deleteMany({ where: { studyId: study.id } });
    expect(await agreement()).toEqual({ a: [4, 3, 1], b: [3, 3, 2], c: [1, 1, 0], d: [3, 1, 0] });
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
