import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { studyBundle } from "@/lib/export/study-bundle";
import { judgeResults } from "@/lib/judge/judge-results";
import { analyzeBundle } from "@/lib/results/analyze-bundle";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { raterRows, studyResults } from "@/lib/results/study-results";
import { DEMO_MARKER } from "@/lib/seed/demo-responses";
import { DEMO_BASELINES, DEMO_STUDY_SLUG, seedDemoStudy } from "@/lib/seed/demo-study";
import { SIMULATED_JUDGE, SIMULATED_STUDY_SLUG } from "@/lib/seed/simulated-study";
import { LIMA_FIGURES, type Shares } from "@/lib/seed/simulated-verdicts";
import { verifyPassword } from "@/lib/users/passwords";

const percent = (counts: Shares) => {
  const total = counts.win + counts.tie + counts.loss;
  return { win: (100 * counts.win) / total, tie: (100 * counts.tie) / total, loss: (100 * counts.loss) / total };
};

function expectShares(counts: Shares, paper: Shares) {
  const shares = percent(counts);
  for (const verdict of ["win", "tie", "loss"] as const) expect(Math.abs(shares[verdict] - paper[verdict])).toBeLessThanOrEqual(1);
}

describe("seedDemoStudy", () => {
  it("seeds the LIMA test set, six systems, marked demo responses and one pair per prompt and baseline, once", async () => {
    const first = await seedDemoStudy();
    expect(first).toMatchObject({ created: true, prompts: 300, pairs: 1500, simulated: { created: true, judgments: 1550, raters: 6, judgeVerdicts: 3000 } });
    expect(first.accounts.map((a) => a.role).sort()).toEqual(["rater", "researcher"]);
    for (const account of first.accounts) {
      const user = await db().user.findUniqueOrThrow({ where: { email: account.email } });
      expect(await verifyPassword(account.password, user.passwordHash)).toBe(true);
    }

    const study = await db().study.findUniqueOrThrow({
      where: { slug: DEMO_STUDY_SLUG },
      include: { targetSystem: true, systems: { orderBy: { position: "asc" } } },
    });
    expect(study.targetSystem?.name).toBe("LIMA");
    expect(study.systems.map((s) => s.name)).toEqual(["LIMA", "Alpaca 65B", "DaVinci003", "Bard", "Claude", "GPT-4"]);
    expect(study.simulated).toBe(false);
    const responses = await db().response.findMany({ where: { prompt: { studyId: study.id } }, select: { text: true } });
    expect(responses).toHaveLength(1800);
    expect(responses.every((r) => r.text.startsWith(DEMO_MARKER))).toBe(true);
    expect(await db().prompt.count({ where: { studyId: study.id, source: "reddit-askreddit" } })).toBe(70);

    expect(await seedDemoStudy()).toMatchObject({ created: false, accounts: [], simulated: { created: false } });
    expect(await db().pair.count({ where: { studyId: study.id } })).toBe(1500);
  });

  it("seeds beside it a closed, simulated study whose results show the paper's Figure 1 and Figure 2, once", async () => {
    await seedDemoStudy();
    const study = await db().study.findUniqueOrThrow({
      where: { slug: SIMULATED_STUDY_SLUG },
      include: { targetSystem: true, systems: { orderBy: { position: "asc" } }, createdBy: true },
    });
    expect(study).toMatchObject({ status: "closed", simulated: true, openToAllRaters: false });
    expect(study.title).toMatch(/simulated/i);
    expect(study.createdBy?.email).toBe("researcher@demo.local");
    expect(study.systems.map((s) => s.name)).toEqual(["LIMA", ...DEMO_BASELINES]);
    expect(await db().prompt.count({ where: { studyId: study.id } })).toBe(300);
    const responses = await db().response.findMany({ where: { prompt: { studyId: study.id } }, select: { text: true } });
    expect(responses.every((r) => r.text.startsWith(DEMO_MARKER))).toBe(true);

    // Figure 1: every judgment counts, as the paper reports.
    const results = await studyResults(study.id, "every", EVERY_JUDGMENT);
    expect(results.baselines.map((b) => b.baseline)).toEqual([...DEMO_BASELINES]);
    for (const [index, baseline] of results.baselines.entries()) {
      expect(baseline.wins + baseline.ties + baseline.losses).toBe(310);
      expectShares({ win: baseline.wins, tie: baseline.ties, loss: baseline.losses }, LIMA_FIGURES[index].raters);
    }
    // The agreement set: 50 pairs judged twice, at the paper's crowd–crowd 82%.
    expect(results.agreement.items).toBe(50);
    expect(results.agreement.tieDiscountedAccuracy).toBeCloseTo(0.82, 10);

    // Figure 2: the judge's label per pair, from its verdicts in both orders.
    const judge = await db().judge.findUniqueOrThrow({ where: { studyId_name: { studyId: study.id, name: SIMULATED_JUDGE } } });
    expect(judge.baseUrl).toBeNull();
    const judged = await judgeResults(judge.id);
    expect(judged.map((row) => row.baseline)).toEqual([...DEMO_BASELINES]);
    for (const [index, { agreement }] of judged.entries()) {
      expect(agreement.judgedPairs).toBe(300);
      expect(agreement.bothOrders).toBe(300);
      expectShares(agreement.labels, LIMA_FIGURES[index].gpt4);
      expect(agreement.humans.win + agreement.humans.tie + agreement.humans.loss).toBe(310);
    }
    // Beside the raters, about as the paper's crowd–GPT-4 78%.
    const accuracy = judged.reduce((sum, { agreement }) => sum + agreement.tieDiscountedAccuracy.value!, 0) / judged.length;
    expect(accuracy).toBeGreaterThan(0.75);
    expect(accuracy).toBeLessThan(0.81);
    const answers = await db().judgeVerdict.findMany({ where: { judgeId: judge.id }, select: { answer: true } });
    expect(answers.every((v) => v.answer?.startsWith("Simulated verdict"))).toBe(true);

    // Raters: named as simulated, with no password, disabled; each judges a prompt at most once.
    const raters = await db().user.findMany({ where: { judgments: { some: { studyId: study.id } } } });
    expect(raters).toHaveLength(6);
    for (const rater of raters) {
      expect(rater.name).toMatch(/^Simulated rater \d$/);
      expect(rater.passwordHash).toBe("!");
      expect(rater.disabledAt).not.toBeNull();
    }
    const [repeats] = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (
        SELECT j."raterId", p."promptId" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
         WHERE j."studyId" = ${study.id} GROUP BY 1, 2 HAVING count(*) > 1) r`;
    expect(repeats.n).toBe(0);
    const times = await db().judgment.aggregate({ where: { studyId: study.id }, _min: { createdAt: true }, _max: { createdAt: true } });
    expect(times._min.createdAt!.getTime()).toBeGreaterThan(Date.now() - 8 * 24 * 3600_000);
    expect(times._max.createdAt!.getTime()).toBeLessThan(Date.now());
    const sides = await db().judgment.groupBy({ by: ["targetSide"], where: { studyId: study.id }, _count: true });
    for (const side of sides) expect(side._count).toBeGreaterThan(700);

    // The counters the triggers keep agree with the judgments: pairs, held places, days, raters.
    const [raw] = await db().$queryRaw<{ judgments: number; wins: number; held: number; days: number }[]>`
      SELECT (SELECT count(*)::int FROM "Judgment" WHERE "studyId" = ${study.id}) AS judgments,
             (SELECT count(*)::int FROM "Judgment" WHERE "studyId" = ${study.id} AND verdict = 'win') AS wins,
             (SELECT sum("heldCount")::int FROM "Pair" WHERE "studyId" = ${study.id}) AS held,
             (SELECT sum(judgments)::int FROM "JudgmentDay" WHERE "studyId" = ${study.id}) AS days`;
    expect(raw).toEqual({ judgments: 1550, wins: results.baselines.reduce((sum, b) => sum + b.wins, 0), held: 1550, days: 1550 });
    const fromTallies = await raterRows(study.id, EVERY_JUDGMENT);
    const fromJudgments = await raterRows(study.id, { ...EVERY_JUDGMENT, from: new Date(0) });
    expect(fromTallies).toEqual(fromJudgments);
    expect(fromTallies.reduce((sum, row) => sum + row.onSharedPairs, 0)).toBe(100);

    // Its bundle: every figure of its page recomputed from the raw records, with nothing differing.
    const lines = (await new Response(studyBundle(study.id)).text()).trim().split("\n");
    const analysis = await analyzeBundle(lines);
    expect(analysis.differs).toEqual([]);
    if (analysis.shape !== "preference") throw new Error("the demo study compares two answers");
    expect(analysis.recomputed.judges[0].length.every((row) => row.lengthControlled?.ok)).toBe(true);
    expect(JSON.parse(lines[0])).toMatchObject({ study: { simulated: true, status: "closed" } });

    const before = {
      studies: await db().study.count(),
      users: await db().user.count(),
      judgments: await db().judgment.count(),
      verdicts: await db().judgeVerdict.count(),
    };
    expect(await seedDemoStudy()).toMatchObject({ created: false, simulated: { created: false } });
    expect({
      studies: await db().study.count(),
      users: await db().user.count(),
      judgments: await db().judgment.count(),
      verdicts: await db().judgeVerdict.count(),
    }).toEqual(before);
  });
});
