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
  it("holds the study, its data and its summary, which npm run analyze recomputes to the same numbers", async () => {
    const study = await seedStudy({ prompts: 12, baselines: ["Alpaca 65B", "GPT-4"], judgmentsPerPair: 3 });
    // Three raters on every pair (k = 3), so majorities differ from single votes; the third
    // judges only five and is then excluded, the fourth takes the rest.
    const choices = ["left", "left", "neither", "right", "left"] as const;
    let step = 0;
    for (const [rater, limit] of [[await makeUser("rater"), 99], [await makeUser("rater"), 99], [await makeUser("rater"), 5], [await makeUser("rater"), 99]] as const) {
      for (let n = 0, shown = await nextAssignment(study.id, rater.id); shown && n < limit; n++, shown = await nextAssignment(study.id, rater.id)) {
        await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: choices[step++ % choices.length] });
      }
    }
    const pair = await db().pair.findFirstOrThrow({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await db().pair.update({ where: { id: pair.id }, data: { goldVerdict: "win" } });
    const someone = (await raterRows(study.id, EVERY_JUDGMENT)).find((row) => row.judgments + row.goldJudged <= 5)!;
    await excludeRater(study.id, someone.rater, (await makeUser("researcher")).id, null);

    const lines = await bundleLines(study.id);
    const records = lines.map((line) => JSON.parse(line));
    expect(records[0]).toMatchObject({ kind: "bundle", format: "pairwise-study-bundle", version: 1, target: "LIMA", systems: ["LIMA", "Alpaca 65B", "GPT-4"], bootstrap: { seeds: { "Alpaca 65B": 1, "GPT-4": 2 } } });
    const count = (kind: string) => records.filter((record) => record.kind === kind).length;
    expect([count("prompt"), count("response"), count("pair"), count("summary")]).toEqual([12, 36, 24, 2]);
    expect(count("judgment")).toBe(await db().judgment.count({ where: { pair: { studyId: study.id } } }));
    expect(records.filter((record) => record.kind === "judgment" && record.excluded).every((record) => record.rater === someone.rater)).toBe(true);
    expect(lines.join("\n")).not.toMatch(/@/); // no rater's email, only pseudonyms

    const analysis = await analyzeBundle(lines);
    expect(analysis.differs).toEqual([]);
    expect(analysis.recomputed.every.map((row) => row.baseline)).toEqual(["Alpaca 65B", "GPT-4"]);

    // The command line, on the file as downloaded.
    const file = path.join(mkdtempSync(path.join(tmpdir(), "bundle-")), "study.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = spawnSync("npx", ["tsx", "scripts/analyze.ts", file], { encoding: "utf8" });
    expect(run.stdout).toContain("matches this recomputation exactly");
    expect(run.status).toBe(0);

    // A summary edited by hand no longer matches.
    const edited = lines.map((line) => (line.includes('"kind":"summary"') ? line.replace(/"wins":(\d+)/, (_, n) => `"wins":${Number(n) + 1}`) : line));
    expect((await analyzeBundle(edited)).differs.length).toBeGreaterThan(0);
  });

  it("names the line and field of a broken bundle", async () => {
    await expect(analyzeBundle(['{"kind":"bundle","format":"pairwise-study-bundle","version":1,"target":"LIMA","systems":["LIMA"],"bootstrap":{"seeds":{}}}', '{"kind":"judgment","pairId":"x","verdict":"maybe","gold":false,"excluded":false}'])).rejects.toThrow(
      /^line 2: verdict: /,
    );
    await expect(analyzeBundle(["not json"])).rejects.toThrow("line 1: not JSON");
  });
});

describe("the bundle of a study with nothing in it", () => {
  it("ends, with its header and summaries", async () => {
    const study = await seedStudy({ prompts: 0 });
    const text = await new Response(studyBundle(study.id)).text();
    expect(text.trim().split("\n").map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(["bundle", "summary", "summary"]);
  });
});
