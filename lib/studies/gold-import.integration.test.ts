import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import type { ImportFile } from "@/lib/importer/read-file";
import { importGoldAnswers } from "@/lib/studies/gold-import";
import { studyEvents } from "@/lib/studies/study-events";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const csv = (text: string): ImportFile => {
  const bytes = Buffer.from(text);
  return { name: "gold.csv", size: bytes.length, open: async function* () { yield new Uint8Array(bytes); } };
};

describe("gold answers in bulk", () => {
  it("sets and unmarks gold pairs from a CSV of prompt, baseline and verdict, in the history", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 2, baselines: ["Alpaca 65B", "GPT-4"], createdById: owner.id });
    const [first, second] = await db().prompt.findMany({ where: { studyId: study.id }, orderBy: { position: "asc" }, select: { externalId: true } });
    const report = await importGoldAnswers(study.id, csv(`prompt_id,baseline,verdict\n${first.externalId},GPT-4,win\n${second.externalId},Alpaca 65B,TIE\n`), owner.id);
    expect(report).toEqual({ committed: true, set: 2, cleared: 0, errors: [] });
    const gold = await db().pair.findMany({ where: { studyId: study.id, goldVerdict: { not: null } }, select: { goldVerdict: true, baselineSystem: { select: { name: true } } } });
    expect(gold.map((pair) => [pair.baselineSystem?.name, pair.goldVerdict]).sort()).toEqual([["Alpaca 65B", "tie"], ["GPT-4", "win"]]);
    expect((await studyEvents(study.id)).map((event) => [event.what, event.after])).toContainEqual(["gold answers imported", "2 set, 0 unmarked"]);

    expect(await importGoldAnswers(study.id, csv(`prompt_id,baseline,verdict\n${first.externalId},GPT-4,none\n`), owner.id)).toMatchObject({ committed: true, set: 0, cleared: 1 });
  });

  it("names every bad line and changes nothing, and keeps a pair raters were given as it is", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["GPT-4"] });
    const [prompt] = await db().prompt.findMany({ where: { studyId: study.id }, select: { externalId: true } });
    const report = await importGoldAnswers(study.id, csv(`prompt_id,baseline,verdict\n${prompt.externalId},GPT-4,maybe\nnope,GPT-4,win\n${prompt.externalId},LIMA,win\n`), null);
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      { line: 2, field: "verdict", reason: "must be win, tie or loss (the target's result), or none to unmark the pair" },
      { line: 3, field: "prompt_id", reason: 'with baseline "GPT-4" is not a pair of this study' },
      { line: 4, field: "prompt_id", reason: 'with baseline "LIMA" is not a pair of this study' },
    ]);
    expect(await db().pair.count({ where: { studyId: study.id, goldVerdict: { not: null } } })).toBe(0);

    await nextAssignment(study.id, (await makeUser("rater")).id);
    const given = await importGoldAnswers(study.id, csv(`prompt_id,baseline,verdict\n${prompt.externalId},GPT-4,win\n`), null);
    expect(given.errors).toEqual([{ line: 2, field: "verdict", reason: "raters have already been given this pair, so it can no longer become gold or stop being gold" }]);
  });

  it("is a study of pairs' only", async () => {
    const study = await seedStudy({ kind: "absolute", prompts: 1, baselines: ["GPT-4"] });
    await expect(importGoldAnswers(study.id, csv("prompt_id,baseline,verdict\n"), null)).rejects.toThrow("Gold answers are verdicts between two answers: only a study of pairs has them.");
  });
});
