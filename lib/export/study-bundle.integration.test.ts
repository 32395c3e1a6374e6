import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { studyBundle } from "@/lib/export/study-bundle";
import { analyzeBundle } from "@/lib/results/analyze-bundle";
import { excludeRater } from "@/lib/results/rater-exclusion";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { raterRows } from "@/lib/results/study-results";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

async function bundleLines(studyId: string): Promise<string[]> {
  return (await new Response(studyBundle(studyId)).text()).trim().split("\n");
}

describe("the study bundle", () => {
  it("holds the study, its data and every figure of its page, which npm run analyze recomputes to the same numbers", async () => {
    const study = await seedStudy({ prompts: 12, baselines: ["Alpaca 65B", "GPT-4"], judgmentsPerPair: 3 });
    // Three raters on every pair (k = 3), so majorities differ from single votes; the third
    // judges only five and is then excluded, the fourth takes the rest.
    const choices = ["left", "left", "neither", "right", "left"] as const;
    // A gold pair from the start, as the app allows (none once a pair has been shown).
    const pair = await db().pair.findFirstOrThrow({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await db().pair.update({ where: { id: pair.id }, data: { goldVerdict: "win" } });
    let step = 0;
    for (const [rater, limit] of [[await makeUser("rater"), 99], [await makeUser("rater"), 99], [await makeUser("rater"), 5], [await makeUser("rater"), 99]] as const) {
      for (let n = 0, shown = await nextAssignment(study.id, rater.id); shown && n < limit; n++, shown = await nextAssignment(study.id, rater.id)) {
        await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: choices[step++ % choices.length] });
      }
    }
    const someone = (await raterRows(study.id, EVERY_JUDGMENT)).find((row) => row.judgments + row.goldJudged <= 5)!;
    await excludeRater(study.id, someone.rater, (await makeUser("researcher")).id, null);
    // A judge that read most pairs in both orders, some in one, and failed on one.
    const judge = await db().judge.create({ data: { studyId: study.id, name: "GPT-4 as judge" } });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    const verdicts = ["win", "loss", "tie", "win", "win", "loss", "tie"] as const;
    const said = (targetSide: "left" | "right", verdict: (typeof verdicts)[number]) => ({
      targetSide,
      verdict,
      choice: verdict === "tie" ? ("neither" as const) : (verdict === "win") === (targetSide === "left") ? ("left" as const) : ("right" as const),
    });
    await db().judgeVerdict.createMany({
      data: pairs.flatMap((p, i) => [
        { judgeId: judge.id, pairId: p.id, ...said("left", verdicts[i % verdicts.length]) },
        ...(i % 5 === 4 ? [] : [i % 9 === 3 ? { judgeId: judge.id, pairId: p.id, targetSide: "right" as const, problem: "no option named" } : { judgeId: judge.id, pairId: p.id, ...said("right", verdicts[(i * 3) % verdicts.length]) }]),
      ]),
    });

    const lines = await bundleLines(study.id);
    const records = lines.map((line) => JSON.parse(line));
    expect(records[0]).toMatchObject({ kind: "bundle", format: "pairwise-study-bundle", version: 2, target: "LIMA", systems: ["LIMA", "Alpaca 65B", "GPT-4"], intervals: { level: 0.95 } });
    const count = (kind: string) => records.filter((record) => record.kind === kind).length;
    expect([count("prompt"), count("response"), count("pair"), count("judge"), count("figure")]).toEqual([12, 36, 24, 1, 8]);
    expect(count("judgeVerdict")).toBe(await db().judgeVerdict.count({ where: { judgeId: judge.id } }));
    expect(records.filter((record) => record.kind === "figure").map((record) => record.name)).toEqual(["summary-every", "summary-majority", "agreement", "position-bias", "ranking", "raters", "length", "judges"]);
    expect(count("judgment")).toBe(await db().judgment.count({ where: { pair: { studyId: study.id } } }));
    expect(records.filter((record) => record.kind === "judgment" && record.excluded).every((record) => record.rater === someone.rater)).toBe(true);
    expect(lines.join("\n")).not.toMatch(/@/); // no rater's email, only pseudonyms

    const analysis = await analyzeBundle(lines);
    expect(analysis.differs).toEqual([]);
    expect(analysis.recomputed.summary.every.map((row) => row.baseline)).toEqual(["Alpaca 65B", "GPT-4"]);
    expect(analysis.recomputed.raters.map((row) => row.excluded).filter(Boolean)).toHaveLength(1);
    // Every ordinary pair has at least one order read, so all 23 have a label.
    expect(analysis.recomputed.judges[0].baselines.reduce((sum, row) => sum + row.agreement.judgedPairs, 0)).toBe(23);
    expect(analysis.recomputed.ranking?.systems.map((row) => row.system).sort()).toEqual(["Alpaca 65B", "GPT-4", "LIMA"]);

    // The command line, on the file as downloaded.
    const file = path.join(mkdtempSync(path.join(tmpdir(), "bundle-")), "study.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = spawnSync("npx", ["tsx", "scripts/analyze.ts", file], { encoding: "utf8" });
    expect(run.stdout).toContain("Every figure in the bundle matches this recomputation.");
    expect(run.status).toBe(0);

    // A figure edited by hand no longer matches, and is named.
    const edit = (name: string, pattern: RegExp, by: (match: string) => string) =>
      lines.map((line) => (line.includes(`"kind":"figure","name":"${name}"`) ? line.replace(pattern, by) : line));
    expect((await analyzeBundle(edit("summary-every", /"wins":(\d+)/, (m) => `"wins":${Number(m.slice(7)) + 1}`))).differs).toEqual(["summary-every"]);
    expect((await analyzeBundle(edit("raters", /"withMajority":(\d+)/, (m) => `"withMajority":${Number(m.slice(15)) + 1}`))).differs).toEqual(["raters"]);
    expect((await analyzeBundle(edit("length", /"longerWon":(\d+)/, (m) => `"longerWon":${Number(m.slice(12)) + 1}`))).differs).toEqual(["length"]);
    expect((await analyzeBundle(lines.filter((line) => !line.includes('"name":"ranking"')))).differs).toEqual(["ranking"]);
  });

  it("names the line and field of a broken bundle", async () => {
    await expect(analyzeBundle(['{"kind":"bundle","format":"pairwise-study-bundle","version":2,"study":{"judgmentsPerPair":1},"target":"LIMA","systems":["LIMA"]}', '{"kind":"judgment","pairId":"x","rater":"rater-1","choice":"left","verdict":"maybe","goldCorrect":null,"excluded":false,"timeOnTaskMs":1}'])).rejects.toThrow(
      /^line 2: verdict: /,
    );
    await expect(analyzeBundle(["not json"])).rejects.toThrow("line 1: not JSON");
  });
});

describe("the bundle of a study with nothing in it", () => {
  it("ends, with its header and figures", async () => {
    const study = await seedStudy({ prompts: 0 });
    const text = await new Response(studyBundle(study.id)).text();
    expect(text.trim().split("\n").map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(["bundle", ...Array(8).fill("figure")]);
  });
});
