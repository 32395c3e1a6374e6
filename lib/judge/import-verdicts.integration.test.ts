import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importJudgeVerdicts } from "@/lib/judge/import-verdicts";
import { judgeResults } from "@/lib/judge/judge-results";
import { seedStudy } from "@/lib/testing/seed-study";

const file = (name: string, text: string) => ({ name, size: Buffer.byteLength(text), open: async function* () { yield new Uint8Array(Buffer.from(text)); } });

describe("importJudgeVerdicts", () => {
  it("imports verdicts by prompt and baseline (CSV) or by pair id with a choice as shown (JSONL), and compares them like a judge's own", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Alpaca 65B"] });
    const csv = ["judge,prompt_id,baseline,target_side,verdict", "GPT-4 (paper),p1,Alpaca 65B,left,win", "GPT-4 (paper),p1,Alpaca 65B,right,win", "GPT-4 (paper),p2,Alpaca 65B,left,tie"].join("\n");
    expect(await importJudgeVerdicts(study.id, file("gpt4.csv", csv))).toEqual({ committed: true, verdicts: 3, judges: ["GPT-4 (paper)"], errors: [] });

    const pair = await db().pair.findFirstOrThrow({ where: { studyId: study.id, prompt: { externalId: "p2" } } });
    // Shown as answer B, the target lost when the judge picked A.
    const jsonl = JSON.stringify({ judge: "GPT-4 (paper)", pair_id: pair.id, target_side: "B", choice: "A", answer: "Answer A is significantly better" });
    expect((await importJudgeVerdicts(study.id, file("more.jsonl", jsonl))).verdicts).toBe(1);

    const judge = await db().judge.findFirstOrThrow({ where: { studyId: study.id, name: "GPT-4 (paper)" } });
    expect(judge).toMatchObject({ baseUrl: null, apiKey: null });
    const verdicts = await db().judgeVerdict.findMany({ where: { judgeId: judge.id }, orderBy: [{ pairId: "asc" }, { targetSide: "asc" }] });
    expect(verdicts).toHaveLength(4);
    expect(verdicts.find((v) => v.pairId === pair.id && v.targetSide === "right")).toMatchObject({ choice: "left", verdict: "loss" });
    // p1: win both ways → win; p2: tie then loss → inconsistent → tie.
    const [alpaca] = await judgeResults(judge.id);
    expect(alpaca.agreement).toMatchObject({ judgedPairs: 2, inconsistent: 1, labels: { win: 1, tie: 1, loss: 0 } });

    // Importing the same line again replaces it rather than adding one.
    expect((await importJudgeVerdicts(study.id, file("more.jsonl", jsonl))).verdicts).toBe(1);
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBe(4);
  });

  it("names every bad line and writes nothing", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Alpaca 65B"] });
    await db().judge.create({ data: { studyId: study.id, name: "Live judge", baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: "k", prompt: "{prompt} {answer_a} {answer_b}" } });
    const csv = [
      "judge,prompt_id,baseline,target_side,verdict,choice",
      "Other,p1,Alpaca 65B,left,win,",
      "Other,p9,Alpaca 65B,left,win,",
      "Other,p1,GPT-4,left,win,",
      "Other,p2,Alpaca 65B,,win,",
      "Other,p2,Alpaca 65B,left,great,",
      "Other,p2,Alpaca 65B,right,win,A",
      "Other,p1,Alpaca 65B,left,loss,",
      "Live judge,p2,Alpaca 65B,left,win,",
    ].join("\n");
    const report = await importJudgeVerdicts(study.id, file("bad.csv", csv));
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      { line: 3, field: "prompt_id", reason: 'with baseline "Alpaca 65B" is not a pair of this study' },
      { line: 4, field: "prompt_id", reason: 'with baseline "GPT-4" is not a pair of this study' },
      { line: 5, field: "target_side", reason: "must be left (the target shown as answer A) or right (as answer B)" },
      { line: 6, field: "verdict", reason: "must be win, tie or loss (in the target's terms)" },
      { line: 7, field: "verdict", reason: "give verdict or choice, not both" },
      { line: 8, field: "target_side", reason: "repeats line 2: the same judge, pair and order" },
      { line: 9, field: "judge", reason: "names a judge of this study that calls an endpoint; give imported verdicts a name of their own" },
    ]);
    expect(await db().judge.count({ where: { studyId: study.id, name: "Other" } })).toBe(0);
    expect(await db().judgeVerdict.count({ where: { pair: { studyId: study.id } } })).toBe(0);
  });
});
