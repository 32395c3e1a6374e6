import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { studyBundle } from "@/lib/export/study-bundle";
import { LABELS, type KindName, type LabelName } from "@/lib/kinds";
import { studyMeasure } from "@/lib/kinds/study-measure";
import { analyzeBundle } from "@/lib/results/analyze-bundle";
import { answerRaterRows } from "@/lib/results/answer-raters";
import { answerResults } from "@/lib/results/answer-results";
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
    expect(records[0]).toMatchObject({
      kind: "bundle",
      format: "study-bundle",
      version: 5,
      study: { kind: "pairwise", judgmentsPerPair: 3 },
      measure: { shape: "preference" },
      target: "LIMA",
      systems: ["LIMA", "Alpaca 65B", "GPT-4"],
      intervals: { level: 0.95 },
    });
    const count = (kind: string) => records.filter((record) => record.kind === kind).length;
    expect([count("prompt"), count("response"), count("pair"), count("judge"), count("figure")]).toEqual([12, 36, 24, 1, 8]);
    expect(count("judgeVerdict")).toBe(await db().judgeVerdict.count({ where: { judgeId: judge.id } }));
    expect(records.filter((record) => record.kind === "figure").map((record) => record.name)).toEqual(["summary-every", "summary-majority", "agreement", "position-bias", "ranking", "raters", "length", "judges"]);
    expect(count("judgment")).toBe(await db().judgment.count({ where: { pair: { studyId: study.id } } }));
    expect(records.filter((record) => record.kind === "judgment" && record.excluded).every((record) => record.rater === someone.rater)).toBe(true);
    expect(lines.join("\n")).not.toMatch(/@/); // no rater's email, only pseudonyms

    const analysis = await analyzeBundle(lines);
    expect(analysis.differs).toEqual([]);
    if (analysis.shape !== "preference") throw new Error("a pairwise study's bundle holds a preference's figures");
    expect(analysis.checks.every((check) => check.status === "matches")).toBe(true);
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

    // A version 2 bundle (of a pairwise study, before kinds) still reads, to the same figures.
    const { measure, study: settings, ...older } = records[0];
    const { kind, ...oldSettings } = settings;
    expect([measure, kind]).toEqual([{ shape: "preference" }, "pairwise"]);
    const v2 = [JSON.stringify({ ...older, format: "pairwise-study-bundle", version: 2, study: oldSettings }), ...lines.slice(1)];
    expect((await analyzeBundle(v2)).differs).toEqual([]);
  });

  it("names the line and field of a broken bundle", async () => {
    await expect(analyzeBundle(['{"kind":"bundle","format":"pairwise-study-bundle","version":2,"study":{"judgmentsPerPair":1},"target":"LIMA","systems":["LIMA"]}', '{"kind":"judgment","pairId":"x","rater":"rater-1","choice":"left","verdict":"maybe","goldCorrect":null,"excluded":false,"timeOnTaskMs":1}'])).rejects.toThrow(
      /^line 2: verdict: /,
    );
    await expect(analyzeBundle(["not json"])).rejects.toThrow("line 1: not JSON");
  });
});

/** Each rater in turn judges every answer nextAssignment gives them, as `answer` says. */
async function judgeEverything(studyId: string, raters: { id: string }[], answer: (rater: number, item: { prompt: number; system: number; turns: number }) => OneAnswer) {
  for (const [r, rater] of raters.entries()) {
    for (let item = await nextAssignment(studyId, rater.id); item; item = await nextAssignment(studyId, rater.id)) {
      if (!("answer" in item)) throw new Error("a study of one answer at a time gave a pair");
      // Seeded answers read "Response of system S to question P."
      const [, system, prompt] = item.answer.text.match(/system (\d+) to question (\d+)/)!.map(Number);
      await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, ...answer(r, { prompt, system, turns: item.answer.turns?.length ?? 1 }) });
    }
  }
}
type OneAnswer = { label: LabelName } | { score: number } | { turnLabels: LabelName[] };

/** The figure's value with every object's keys in reverse order: the same figure. */
const reversedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reversedKeys)
    : value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversedKeys(inner)]))
      : value;

/** The bundle parsed, with its header, pairs and judgments checked against the study; then analyzed. */
async function checkedAnswerBundle(studyId: string, kind: KindName) {
  const lines = await bundleLines(studyId);
  const records = lines.map((line) => JSON.parse(line));
  const of = (recordKind: string) => records.filter((record) => record.kind === recordKind);
  expect(records[0]).toMatchObject({ kind: "bundle", format: "study-bundle", version: 5, study: { kind }, target: "LIMA" });
  const settings = await db().study.findUniqueOrThrow({ where: { id: studyId }, select: { id: true, kind: true, scaleMin: true, scaleMax: true } });
  expect(records[0].measure).toEqual(JSON.parse(JSON.stringify(studyMeasure(kind, settings))));
  // Every answer is a pair of its own, with no baseline, its response listed.
  const responses = new Map(of("response").map((response) => [response.id, response]));
  expect(of("pair")).toHaveLength(await db().pair.count({ where: { studyId } }));
  for (const pair of of("pair")) {
    expect(pair).toMatchObject({ baseline: null, baselineResponseId: null, goldVerdict: null });
    expect(responses.get(pair.targetResponseId)).toMatchObject({ promptId: pair.promptId, system: pair.target });
  }
  expect(of("judgment")).toHaveLength(await db().judgment.count({ where: { pair: { studyId } } }));
  expect(of("judgment").every((judgment) => judgment.choice === null && judgment.verdict === null)).toBe(true);
  expect(of("figure").map((record) => record.name)).toEqual(["answers", "raters"]);
  expect(lines.join("\n")).not.toMatch(/@/);

  const analysis = await analyzeBundle(lines);
  expect(analysis.checks.map(({ name, status }) => [name, status])).toEqual([
    ["answers", "matches"],
    ["raters", "matches"],
  ]);
  expect(analysis.differs).toEqual([]);
  if (analysis.shape === "preference") throw new Error(`a ${kind} study's bundle holds one answer at a time's figures`);
  const answers = analysis;
  // The figures as the page has them, and as the bundle wrote them.
  expect(JSON.parse(JSON.stringify(analysis.recomputed.answers))).toEqual(JSON.parse(JSON.stringify(await answerResults(settings, EVERY_JUDGMENT))));
  expect(analysis.recomputed.raters).toEqual(await answerRaterRows(settings, EVERY_JUDGMENT));

  // Keys in another order are the same figure; a number edited by hand is named, with where it is.
  const edit = (name: string, change: (line: string) => string) => lines.map((line) => (line.includes(`"kind":"figure","name":"${name}"`) ? change(line) : line));
  const reordered = edit("answers", (line) => JSON.stringify(reversedKeys(JSON.parse(line))));
  expect((await analyzeBundle(reordered)).differs).toEqual([]);
  const tampered = await analyzeBundle(edit("raters", (line) => line.replace(/"judgments":(\d+)/, (_, n) => `"judgments":${Number(n) + 1}`)));
  expect(tampered.differs).toEqual(["raters"]);
  expect(tampered.checks[1]).toMatchObject({ name: "raters", status: "differs", difference: { path: "[0].judgments" } });
  return { lines, records, analysis: answers };
}

describe("the bundle of a study that judges one answer at a time", () => {
  it("holds an absolute study's answers, labels and figures, an excluded rater listed, and analyze recomputes them", async () => {
    const study = await seedStudy({ kind: "absolute", prompts: 4, baselines: ["Alpaca 65B"], judgmentsPerPair: 3 });
    const raters = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("rater")]);
    await judgeEverything(study.id, raters, (r, { prompt, system }) => ({ label: LABELS[(prompt + 2 * system + (r === 1 ? prompt % 2 : r)) % 3] }));
    // Times on task of every length, so that each rater's median falls between two of them.
    const judged = await db().judgment.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" }, select: { id: true } });
    for (const [index, { id }] of judged.entries()) await db().judgment.update({ where: { id }, data: { timeOnTaskMs: 1000 + ((index * 7919) % 5003) } });
    // The third rater leaves the counts, and stays in the raters' figure.
    const rows = await answerRaterRows({ id: study.id, kind: "absolute" }, EVERY_JUDGMENT);
    expect(rows.map((row) => row.judgments)).toEqual([8, 8, 8]);
    await excludeRater(study.id, rows[2].rater, (await makeUser("researcher")).id, null);

    const { records, analysis } = await checkedAnswerBundle(study.id, "absolute");
    const judgments = records.filter((record) => record.kind === "judgment");
    expect(judgments).toHaveLength(24);
    expect(judgments.every((j) => LABELS.includes(j.label) && j.score === null && j.turnLabels.length === 0)).toBe(true);
    expect(judgments.filter((j) => j.excluded).every((j) => j.rater === rows[2].rater)).toBe(true);
    expect(analysis.recomputed.answers.systems.map(({ system, labels }) => [system, labels?.labels])).toEqual([
      ["LIMA", 8],
      ["Alpaca 65B", 8],
    ]);
    expect(analysis.recomputed.raters.filter((row) => row.excluded).map((row) => row.rater)).toEqual([rows[2].rater]);
    expect(analysis.recomputed.raters.every((row) => row.medianSeconds! > 1)).toBe(true);
    expect(analysis.recomputed.answers.agreement.fleiss.items).toBe(8);
  });

  it("holds a Likert study's scores, a system with one answer (no interval: null in JSON), and analyze recomputes them", async () => {
    const all = ["LIMA", "Alpaca 65B", "GPT-4"];
    const study = await seedStudy({
      kind: "likert",
      prompts: [{ answeredBy: all }, { answeredBy: all.slice(0, 2) }, { answeredBy: all.slice(0, 2) }, { answeredBy: all.slice(0, 2) }],
      baselines: ["Alpaca 65B", "GPT-4"],
      judgmentsPerPair: 2,
    });
    // A scale of the study's own, 0 to 10: the header states it, and analyze counts on it.
    await db().study.update({ where: { id: study.id }, data: { scaleMin: 0, scaleMax: 10 } });
    const raters = await Promise.all([makeUser("rater"), makeUser("rater")]);
    await judgeEverything(study.id, raters, (r, { prompt, system }) => ({ score: system === 0 ? [5, 6, 4, 5][prompt - 1] - r * (prompt % 2) : 2 + r + system + (prompt % 2) }));

    const { records, stored, analysis } = await (async () => {
      const checked = await checkedAnswerBundle(study.id, "likert");
      return { ...checked, stored: checked.analysis.stored.answers as { systems: { system: string; precision: { halfWidth: number | null } }[] } };
    })();
    expect(records[0].measure).toEqual({ shape: "scores", scale: { min: 0, max: 10 } });
    const judgments = records.filter((record) => record.kind === "judgment");
    expect(judgments).toHaveLength(18);
    expect(judgments.every((j) => Number.isInteger(j.score) && j.label === null)).toBe(true);
    // GPT-4 answered one prompt: no mean, an infinite half-width, which JSON writes as null.
    expect(stored.systems.find((row) => row.system === "GPT-4")?.precision.halfWidth).toBeNull();
    expect(analysis.recomputed.answers.systems.map(({ system, scores }) => [system, scores?.answers, scores?.scores])).toEqual([
      ["LIMA", 4, 8],
      ["Alpaca 65B", 4, 8],
      ["GPT-4", 1, 2],
    ]);
    expect(analysis.recomputed.answers.systems[2].precision.halfWidth).toBe(Infinity);
    expect(analysis.recomputed.answers.systems[0].scores?.distribution).toHaveLength(11);
    expect(analysis.recomputed.raters.every((row) => row.meanScore !== null && row.judgments === 9)).toBe(true);

    // A score off the scale, or a header whose scale is not the study's, is refused, naming the line.
    const lines = await bundleLines(study.id);
    const at = lines.findIndex((line) => line.startsWith('{"kind":"judgment"'));
    const offScale = lines.map((line, index) => (index === at ? line.replace(/"score":\d+/, '"score":11') : line));
    await expect(analyzeBundle(offScale)).rejects.toThrow(`line ${at + 1}: "11" is not a value of this study's measure (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)`);
    const otherScale = lines.map((line, index) => (index === 0 ? line.replace('"scale":{"min":0,"max":10}', '"scale":{"min":1,"max":10}') : line));
    await expect(analyzeBundle(otherScale)).rejects.toThrow(/^line 1: measure: a likert study of this scale measures/);
  });

  it("holds a multi-turn study's conversations and labels per turn, and npm run analyze recomputes them", async () => {
    const study = await seedStudy({ kind: "multiturn", prompts: 3, baselines: ["Alpaca 65B"], judgmentsPerPair: 3 });
    // LIMA's answers hold three turns each; Alpaca's are single answers.
    const lima = await db().system.findFirstOrThrow({ where: { studyId: study.id, name: "LIMA" } });
    await db().response.updateMany({ where: { systemId: lima.id }, data: { turns: ["First.", "Second.", "Third."] } });
    const raters = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("rater")]);
    await judgeEverything(study.id, raters, (r, { prompt, turns }) => ({ turnLabels: Array.from({ length: turns }, (_, turn) => LABELS[(turn * prompt + (r === 2 && turn === 0 ? 1 : 0)) % 3]) }));

    const { lines, records, analysis } = await checkedAnswerBundle(study.id, "multiturn");
    const turnsOf = new Map(records.filter((record) => record.kind === "response").map((response) => [response.id, response.turns?.length ?? 1]));
    const pairs = new Map(records.filter((record) => record.kind === "pair").map((pair) => [pair.id, pair]));
    const judgments = records.filter((record) => record.kind === "judgment");
    expect(judgments).toHaveLength(18);
    expect(judgments.every((j) => j.turnLabels.length === turnsOf.get(pairs.get(j.pairId).targetResponseId) && j.label === null)).toBe(true);
    const [limaRow, alpacaRow] = analysis.recomputed.answers.systems;
    expect(limaRow.byTurn.map(({ turn, labels }) => [turn, labels])).toEqual([
      [1, 9],
      [2, 9],
      [3, 9],
    ]);
    expect(alpacaRow.labels).toMatchObject({ answers: 3, labels: 9 });

    // The command line, on the file as downloaded, and on one edited by hand.
    const dir = mkdtempSync(path.join(tmpdir(), "bundle-"));
    const file = path.join(dir, "study.jsonl");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = spawnSync("npx", ["tsx", "scripts/analyze.ts", file], { encoding: "utf8" });
    expect(run.stdout).toContain("A multiturn study.");
    expect(run.stdout).toContain("turn 3: 9 labels on 3 answers");
    expect(run.stdout).toContain("answers: matches");
    expect(run.stdout).toContain("Every figure in the bundle matches this recomputation.");
    expect(run.status).toBe(0);
    const edited = path.join(dir, "edited.jsonl");
    writeFileSync(edited, `${lines.map((line) => (line.includes('"kind":"figure","name":"answers"') ? line.replace(/"labels":(\d+)/, (_, n) => `"labels":${Number(n) + 1}`) : line)).join("\n")}\n`);
    const failed = spawnSync("npx", ["tsx", "scripts/analyze.ts", edited], { encoding: "utf8" });
    expect(failed.stdout).toMatch(/answers: differs at systems\[0\]\.labels\.labels: the bundle has \d+, the recomputation \d+/);
    expect(failed.stderr).toContain("These figures in the bundle differ from this recomputation: answers.");
    expect(failed.status).toBe(1);
  });
});

describe("the bundle of a study with nothing in it", () => {
  it("ends, with its header and figures", async () => {
    const study = await seedStudy({ prompts: 0 });
    const text = await new Response(studyBundle(study.id)).text();
    expect(text.trim().split("\n").map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(["bundle", ...Array(8).fill("figure")]);
  });

  it("ends for a study of one answer at a time too, and its empty figures are recomputed", async () => {
    const study = await seedStudy({ kind: "likert", prompts: 0 });
    const lines = (await new Response(studyBundle(study.id)).text()).trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(["bundle", "figure", "figure"]);
    expect((await analyzeBundle(lines)).differs).toEqual([]);
  });
});
