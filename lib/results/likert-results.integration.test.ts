import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { answerResults } from "@/lib/results/answer-results";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";
import { createStudy } from "@/lib/studies/create-study";
import { newStudySchema } from "@/lib/validation/study";

const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("a Likert study", () => {
  it("takes a 1–6 score per answer and reports each system's mean with a t interval over answers", async () => {
    const study = await seedStudy({ kind: "likert", prompts: 3, baselines: ["Alpaca 65B"], judgmentsPerPair: 2 });
    const raters = await Promise.all([makeUser("rater"), makeUser("rater")]);
    const first = await nextAssignment(study.id, raters[0].id);
    await expect(judgeInOwnStudy(raters[0].id, { assignmentId: first!.assignmentId, label: "pass" })).rejects.toThrow("This answer asks for a helpfulness score on the study's scale.");
    await expect(judgeInOwnStudy(raters[0].id, { assignmentId: first!.assignmentId, score: 7 })).rejects.toThrow("score: must be from 1 to 6, this study's scale; 7 is not on it.");

    // LIMA's answers (system 0) get 5 and 5, 6 and 6, 4 and 4 by prompt; Alpaca's 2 and 3 everywhere.
    for (const [r, rater] of raters.entries()) {
      for (;;) {
        const item = await nextAssignment(study.id, rater.id);
        if (!item) break;
        const text = "answer" in item ? item.answer.text : "";
        const prompt = Number(text.match(/question (\d+)/)![1]) - 1;
        const score = text.startsWith("Response of system 0") ? [5, 6, 4][prompt] : 2 + r;
        await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, score });
      }
    }
    const results = await answerResults({ id: study.id, kind: "likert" }, EVERY_JUDGMENT);
    const [lima, alpaca] = results.systems.map((system) => system.scores!);
    expect([lima.system, lima.answers, lima.scores]).toEqual(["LIMA", 3, 6]);
    // Answer means 5, 6, 4: mean 5, s = 1, t(0.975, 2) = 4.3027 (tables), half-width 4.3027 / √3 = 2.4841.
    expect(lima.mean!.estimate).toBeCloseTo(5, 10);
    expect(lima.mean!.lower).toBeCloseTo(5 - 2.4841, 3);
    // 5 + 2.4841 passes the scale's top: the interval stops at 6.
    expect(lima.mean!.upper).toBe(6);
    // Every Alpaca answer averages 2.5: no spread, a point interval.
    expect(alpaca.mean).toMatchObject({ estimate: 2.5, lower: 2.5, upper: 2.5, n: 3 });
    // The bootstrap over LIMA's three answer means (4, 5, 6) stays within them.
    expect(lima.bootstrap!.lower).toBeGreaterThanOrEqual(4);
    expect(lima.bootstrap!.upper).toBeLessThanOrEqual(6);
    expect(lima.distribution).toEqual([0, 0, 0, 2, 2, 2]);

    // Agreement over the six answers, by hand. Fleiss: observed (1 + 1 + 1 + 0 + 0 + 0) / 6, chance
    // 2·(1/4)² + 3·(1/6)² = 5/24: κ = (1/2 − 5/24) / (19/24) = 7/19.
    expect(results.agreement.fleiss).toMatchObject({ items: 6 });
    expect(results.agreement.fleiss.value).toBeCloseTo(7 / 19, 12);
    // Interval α: the only disagreements are Alpaca's three 2-against-3 (D_o = 6/12); the pairs of
    // the twelve scores give Σ n_c·n_k·(c − k)² = 582 over 12·11: α = 1 − (1/2)/(582/132) = 86/97.
    expect(results.agreement.alpha.interval!.value).toBeCloseTo(86 / 97, 12);
    expect(results.agreement.alpha.ordinal!.value).toBeGreaterThan(results.agreement.alpha.nominal.value!);

    const rows = parse(await readAll(await judgmentsExport(study.id, "csv", "likert")), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(12);
    expect(rows.filter((row) => row.system === "Alpaca 65B").map((row) => row.score).sort()).toEqual(["2", "2", "2", "3", "3", "3"]);
    const [line] = (await readAll(await judgmentsExport(study.id, "jsonl", "likert"))).split("\n");
    expect(typeof JSON.parse(line).score).toBe("number");

    // The database holds a score to the study's scale whatever the code does.
    const judgment = await db().judgment.findFirstOrThrow({ where: { studyId: study.id } });
    await expect(db().judgment.update({ where: { id: judgment.id }, data: { score: 0 } })).rejects.toThrow(/Judgment_score_on_scale/);
    await expect(db().judgment.update({ where: { id: judgment.id }, data: { score: 7 } })).rejects.toThrow(/Judgment_score_on_scale/);
  });

  it("states its own scale, and holds scores, the rating view and the results to it", async () => {
    const owner = await makeUser("researcher");
    const parsed = newStudySchema.parse({ title: "Ten points", slug: `ten-${Date.now()}`, target: "LIMA", baselines: "Alpaca 65B", kind: "likert", scaleMin: "0", scaleMax: "10", judgmentsPerPair: "2" });
    expect(parsed).toMatchObject({ scaleMin: 0, scaleMax: 10 });
    const created = await createStudy(parsed, owner.id);
    expect(await db().study.findUniqueOrThrow({ where: { id: created.id }, select: { scaleMin: true, scaleMax: true } })).toEqual({ scaleMin: 0, scaleMax: 10 });
    // Its raters' default instructions name its own scale.
    expect((await db().study.findUniqueOrThrow({ where: { id: created.id } })).instructions).toContain("from **0 (not helpful)** to **10 (highly helpful)**");
    // The form's refusals name the field and why; a study of labels has no scale.
    expect(newStudySchema.safeParse({ ...parsed, scaleMin: "6", scaleMax: "6" }).error?.issues).toEqual([expect.objectContaining({ path: ["scaleMax"], message: "must be above the lowest score (6)" })]);
    expect(newStudySchema.safeParse({ ...parsed, scaleMin: "0", scaleMax: "30" }).error?.issues[0].message).toBe("must be at most 20 above the lowest score (0): a scale of at most 21 points");
    expect(newStudySchema.safeParse({ ...parsed, kind: "absolute" }).error?.issues[0]).toMatchObject({ path: ["scaleMin"], message: "only a study of scores has a scale" });
    expect(newStudySchema.parse({ title: "Six", slug: "six-points", target: "LIMA", kind: "likert" })).toMatchObject({ scaleMin: 1, scaleMax: 6 });
  });
});
