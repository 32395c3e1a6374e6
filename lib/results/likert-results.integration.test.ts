import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { scoresBySystem } from "@/lib/results/likert-results";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";
import { judgmentSchema } from "@/lib/validation/judgment";

const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("a Likert study", () => {
  it("takes a 1–6 score per answer and reports each system's mean with a t interval over answers", async () => {
    const study = await seedStudy({ kind: "likert", prompts: 3, baselines: ["Alpaca 65B"], judgmentsPerPair: 2 });
    const raters = await Promise.all([makeUser("rater"), makeUser("rater")]);
    const first = await nextAssignment(study.id, raters[0].id);
    await expect(judgeInOwnStudy(raters[0].id, { assignmentId: first!.assignmentId, label: "pass" })).rejects.toThrow("This answer asks for a helpfulness score from 1 to 6.");
    expect(judgmentSchema.safeParse({ assignmentId: "a", score: 7 }).error?.issues[0].message).toBe("must be at most 6");

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
    const [lima, alpaca] = await scoresBySystem(study.id);
    expect([lima.system, lima.answers, lima.scores]).toEqual(["LIMA", 3, 6]);
    // Answer means 5, 6, 4: mean 5, s = 1, t(0.975, 2) = 4.3027 (tables), half-width 4.3027 / √3 = 2.4841.
    expect(lima.mean!.estimate).toBeCloseTo(5, 10);
    expect(lima.mean!.lower).toBeCloseTo(5 - 2.4841, 3);
    // 5 + 2.4841 passes the scale's top: the interval stops at 6.
    expect(lima.mean!.upper).toBe(6);
    // Every Alpaca answer averages 2.5: no spread, a point interval.
    expect(alpaca.mean).toMatchObject({ estimate: 2.5, lower: 2.5, upper: 2.5, n: 3 });

    const rows = parse(await readAll(await judgmentsExport(study.id, "csv", "likert")), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(12);
    expect(rows.filter((row) => row.system === "Alpaca 65B").map((row) => row.score).sort()).toEqual(["2", "2", "2", "3", "3", "3"]);
    const [line] = (await readAll(await judgmentsExport(study.id, "jsonl", "likert"))).split("\n");
    expect(typeof JSON.parse(line).score).toBe("number");

    // The database holds a score to the scale whatever the code does.
    const judgment = await db().judgment.findFirstOrThrow({ where: { studyId: study.id } });
    await expect(db().judgment.update({ where: { id: judgment.id }, data: { score: 0 } })).rejects.toThrow(/Judgment_one_answer/);
  });
});
