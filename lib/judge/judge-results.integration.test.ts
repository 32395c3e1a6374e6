import { describe, expect, it } from "vitest";
import type { Verdict } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { judgeResults } from "@/lib/judge/judge-results";
import { seedJudgments } from "@/lib/testing/seed-judgments";
import { seedStudy } from "@/lib/testing/seed-study";

describe("judgeResults", () => {
  it("sets the judge's labels beside the raters' judgments on the same pairs, per baseline", async () => {
    const study = await seedStudy({ prompts: 4, baselines: ["Alpaca 65B", "GPT-4"], judgmentsPerPair: 3 });
    // One rater judgment per pair: Alpaca's 4 pairs win, win, tie, loss (in pair-id order).
    await seedJudgments(study.id, { "Alpaca 65B": { wins: 2, ties: 1, losses: 1 } }, 1);
    const judge = await db().judge.create({ data: { studyId: study.id, name: "GPT-4 as judge", baseUrl: "http://127.0.0.1:1/v1", model: "m", apiKey: "k", prompt: "p" } });
    const alpaca = await db().pair.findMany({ where: { studyId: study.id, baselineResponse: { system: { name: "Alpaca 65B" } } }, orderBy: { id: "asc" } });
    // The judge, in both orders: win/win, win/loss, tie/tie, and nothing on the last pair.
    const said: [Verdict, Verdict][] = [["win", "win"], ["win", "loss"], ["tie", "tie"]];
    await db().judgeVerdict.createMany({
      data: said.flatMap(([left, right], i) => [
        { judgeId: judge.id, pairId: alpaca[i].id, targetSide: "left" as const, verdict: left, choice: left === "tie" ? ("neither" as const) : left === "win" ? ("left" as const) : ("right" as const), answer: "…" },
        { judgeId: judge.id, pairId: alpaca[i].id, targetSide: "right" as const, verdict: right, choice: right === "tie" ? ("neither" as const) : right === "win" ? ("right" as const) : ("left" as const), answer: "…" },
      ]),
    });

    const [first, second] = await judgeResults(judge.id);
    expect(first.baseline).toBe("Alpaca 65B");
    // Labels: win, tie (inconsistent), tie. Raters: win, win, tie. Scores 1, ½, 1 → 5/6.
    expect(first.agreement).toMatchObject({ judgedPairs: 3, bothOrders: 3, inconsistent: 1, labels: { win: 1, tie: 2, loss: 0 } });
    expect(first.agreement.tieDiscountedAccuracy).toEqual({ value: 2.5 / 3, pairs: 3 });
    expect(second).toMatchObject({ baseline: "GPT-4", agreement: { judgedPairs: 0 } });
  });
});
