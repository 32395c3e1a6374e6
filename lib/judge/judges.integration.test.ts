// A study's LLM judges changed, run again and deleted, on the real database and against a local
// OpenAI-compatible server: what the history records (never the key), what is refused while a
// run goes on, what the endpoint guard refuses, which answers the figures count and which stay in
// the history, and that pairs removed from the study are never asked.
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { studyBundle } from "@/lib/export/study-bundle";
import { importJudgeVerdicts } from "@/lib/judge/import-verdicts";
import { DEFAULT_JUDGE_PROMPT } from "@/lib/judge/judge-prompt";
import { judgeResults, studyJudgeResults } from "@/lib/judge/judge-results";
import { runJudge, startJudgeRun } from "@/lib/judge/judge-run";
import { judgeVerdictsCsv } from "@/lib/judge/judge-verdicts-csv";
import { createJudge, deleteJudge, listJudges, startRun, updateJudge } from "@/lib/judge/judges";
import { analyzeBundle } from "@/lib/results/analyze-bundle";
import { judgeLengthEffect } from "@/lib/results/length-effect";
import { reviewItem } from "@/lib/review/item-review";
import { startOpenAiCompatibleServer, type ChatRequest, type FakeServer } from "@/lib/testing/openai-compatible-server";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import type { JudgeEdit } from "@/lib/validation/judge";

const PROMPTS = 3;
/** 3 prompts × 2 baselines × 2 orders. */
const ITEMS = PROMPTS * 2 * 2;
const FAST = { call: { baseDelayMs: 5, maxDelayMs: 20 }, heartbeatMs: 50 };

let server: FakeServer;
let study: SeededStudy;
let researcher: Awaited<ReturnType<typeof makeUser>>;
/** Which answer the scripted judge prefers: the target's (seeded as "system 0") or the baseline's. */
let prefers: "target" | "baseline";

function answer(request: ChatRequest) {
  const text = request.messages[0].content;
  const a = text.slice(text.indexOf("Answer A:"), text.indexOf("Answer B:"));
  const targetIsA = a.includes("system 0");
  return { content: targetIsA === (prefers === "target") ? "Answer A is significantly better" : "Answer B is significantly better" };
}

beforeEach(async () => {
  prefers = "target";
  server = await startOpenAiCompatibleServer(answer);
  researcher = await makeUser("researcher");
  study = await seedStudy({ prompts: PROMPTS, baselines: ["Alpaca 65B", "GPT-4"], createdById: researcher.id });
});

afterEach(async () => {
  await server?.close();
});

const NEW_JUDGE = { baseUrl: "", model: "judge-1", apiKey: "sk-first", prompt: DEFAULT_JUDGE_PROMPT, temperature: 0, topP: null, maxTokens: null, concurrency: 2 };

async function addJudge(name = "GPT-4 as judge") {
  await createJudge(study.id, { ...NEW_JUDGE, baseUrl: server.baseUrl, name }, researcher.id);
  return db().judge.findUniqueOrThrow({ where: { studyId_name: { studyId: study.id, name } } });
}

/** The form's fields as the edit schema gives them, from the judge as it is, changed by `change`. */
async function edited(judgeId: string, change: Partial<JudgeEdit> = {}): Promise<JudgeEdit> {
  const judge = await db().judge.findUniqueOrThrow({ where: { id: judgeId } });
  return {
    judgeId,
    name: judge.name,
    baseUrl: judge.baseUrl ?? undefined,
    model: judge.model ?? undefined,
    prompt: judge.prompt ?? undefined,
    apiKey: undefined,
    temperature: judge.temperature,
    topP: judge.topP,
    maxTokens: judge.maxTokens,
    concurrency: judge.concurrency,
    ...change,
  };
}

const eventsOf = (studyId: string) => db().studyEvent.findMany({ where: { studyId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const settled = (judgeId: string) =>
  expect.poll(async () => (await db().judgeRun.findFirst({ where: { judgeId }, orderBy: { startedAt: "desc" } }))?.status, { timeout: 20_000 }).not.toBe("running");
const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const csvRows = async (judgeId: string) => parse(await judgeVerdictsCsv(study.id, judgeId), { columns: true }) as Record<string, string>[];

describe("changing a judge", () => {
  it("records each change in the history, keeps the key when none is given and replaces it when one is, and never records the key", async () => {
    const judge = await addJudge();
    const before = (await eventsOf(study.id)).length;

    // Nothing changed: nothing written.
    expect(await updateJudge(study.id, await edited(judge.id), researcher.id)).toEqual({ name: "GPT-4 as judge", changed: false });
    expect(await eventsOf(study.id)).toHaveLength(before);

    const other = await startOpenAiCompatibleServer(answer);
    try {
      const result = await updateJudge(
        study.id,
        await edited(judge.id, { name: "GPT-4o as judge", baseUrl: other.baseUrl, model: "judge-2", prompt: `${DEFAULT_JUDGE_PROMPT}\nBe brief.`, temperature: 0.7, topP: 0.9, maxTokens: 50, concurrency: 3 }),
        researcher.id,
      );
      expect(result).toEqual({ name: "GPT-4o as judge", changed: true });
      let stored = await db().judge.findUniqueOrThrow({ where: { id: judge.id } });
      expect(stored).toMatchObject({ name: "GPT-4o as judge", baseUrl: other.baseUrl, model: "judge-2", temperature: 0.7, topP: 0.9, maxTokens: 50, concurrency: 3, apiKey: "sk-first" });

      const changes = (await eventsOf(study.id)).slice(before);
      expect(changes.map((event) => [event.what, event.before, event.after])).toEqual([
        ["LLM judge GPT-4 as judge: name", "GPT-4 as judge", "GPT-4o as judge"],
        ["LLM judge GPT-4 as judge: endpoint", server.baseUrl, other.baseUrl],
        ["LLM judge GPT-4 as judge: model", "judge-1", "judge-2"],
        ["LLM judge GPT-4 as judge: prompt", `${DEFAULT_JUDGE_PROMPT.length.toLocaleString("en")} characters`, `${(DEFAULT_JUDGE_PROMPT.length + 10).toLocaleString("en")} characters`],
        ["LLM judge GPT-4 as judge: temperature", "0", "0.7"],
        ["LLM judge GPT-4 as judge: top p", "the endpoint's default", "0.9"],
        ["LLM judge GPT-4 as judge: most tokens per answer", "the endpoint's default", "50"],
        ["LLM judge GPT-4 as judge: calls at a time", "2", "3"],
      ]);
      expect(changes.every((event) => event.actorId === researcher.id)).toBe(true);

      // A new key replaces the old one; the history says so, never what either is.
      await updateJudge(study.id, await edited(judge.id, { apiKey: "sk-second" }), researcher.id);
      stored = await db().judge.findUniqueOrThrow({ where: { id: judge.id } });
      expect(stored.apiKey).toBe("sk-second");
      const last = (await eventsOf(study.id)).at(-1)!;
      expect([last.what, last.before, last.after]).toEqual(["LLM judge GPT-4o as judge: API key", null, "replaced"]);
      const history = JSON.stringify(await eventsOf(study.id));
      expect(history).not.toContain("sk-first");
      expect(history).not.toContain("sk-second");

      // The run calls the new endpoint, with the new key, model and sampling.
      await runJudge(await startJudgeRun(judge.id), FAST);
      expect(server.requests).toHaveLength(0);
      expect(other.requests).toHaveLength(ITEMS);
      expect(other.requests[0]).toMatchObject({ authorization: "Bearer sk-second", body: { model: "judge-2", temperature: 0.7, top_p: 0.9, max_tokens: 50 } });
      expect(other.requests[0].body.messages[0].content).toContain("Be brief.");
    } finally {
      await other.close();
    }
  });

  it("refuses an endpoint the guard refuses at add, and a name another judge has, changing nothing", async () => {
    const judge = await addJudge();
    await addJudge("Claude as judge");
    const before = await db().judge.findUniqueOrThrow({ where: { id: judge.id } });
    const events = (await eventsOf(study.id)).length;
    for (const baseUrl of ["http://169.254.169.254/latest", "http://10.0.0.5:8000/v1", "http://[::ffff:127.0.0.2]:8000/v1", "http://0x7f000002/v1"]) {
      await expect(updateJudge(study.id, await edited(judge.id, { baseUrl }), researcher.id), baseUrl).rejects.toThrow(/internal address|JUDGE_ALLOWED_HOSTS/);
    }
    await expect(updateJudge(study.id, await edited(judge.id, { baseUrl: "http://user:pass@models.example/v1" }), researcher.id)).rejects.toThrow("user name or password");
    await expect(updateJudge(study.id, await edited(judge.id, { name: "Claude as judge" }), researcher.id)).rejects.toThrow('already has a judge named "Claude as judge"');
    expect(await db().judge.findUniqueOrThrow({ where: { id: judge.id } })).toEqual(before);
    expect(await eventsOf(study.id)).toHaveLength(events);
  });

  it("is refused while a run of it is running, and so is deleting it", async () => {
    const judge = await addJudge();
    const run = await db().judgeRun.create({ data: { judgeId: judge.id } });
    const before = await db().judge.findUniqueOrThrow({ where: { id: judge.id } });
    await expect(updateJudge(study.id, await edited(judge.id, { model: "judge-2" }), researcher.id)).rejects.toThrow(
      "GPT-4 as judge is running: cancel its run, or wait for it to finish, before you change it.",
    );
    await expect(deleteJudge(study.id, { judgeId: judge.id, answers: "keep" }, researcher.id)).rejects.toThrow("is running");
    await expect(deleteJudge(study.id, { judgeId: judge.id, answers: "delete" }, researcher.id)).rejects.toThrow("is running");
    await expect(startRun(study.id, judge.id, researcher.id, { again: true })).rejects.toThrow("already running");
    expect(await db().judge.findUniqueOrThrow({ where: { id: judge.id } })).toEqual(before);
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBe(0);
    // Ended, so that no test's takeover of stale runs picks it up; then it may be changed.
    await db().judgeRun.update({ where: { id: run.id }, data: { status: "cancelled", finishedAt: new Date() } });
    expect(await updateJudge(study.id, await edited(judge.id, { model: "judge-2" }), researcher.id)).toEqual({ name: "GPT-4 as judge", changed: true });
  });

  it("lets an imported judge change its name only, and another study's judge not at all", async () => {
    const file = (text: string) => ({ name: "v.csv", size: text.length, open: async function* () { yield new Uint8Array(Buffer.from(text)); } });
    await importJudgeVerdicts(study.id, file("judge,prompt_id,baseline,target_side,verdict\nPaper GPT-4,p1,Alpaca 65B,left,win\n"));
    const imported = await db().judge.findUniqueOrThrow({ where: { studyId_name: { studyId: study.id, name: "Paper GPT-4" } } });
    await expect(updateJudge(study.id, { judgeId: imported.id, name: "Paper GPT-4", baseUrl: server.baseUrl, temperature: null, topP: null, maxTokens: null }, researcher.id)).rejects.toThrow(
      "only its name can change",
    );
    expect(await updateJudge(study.id, { judgeId: imported.id, name: "GPT-4 (paper)", temperature: null, topP: null, maxTokens: null }, researcher.id)).toEqual({ name: "GPT-4 (paper)", changed: true });
    expect((await eventsOf(study.id)).at(-1)).toMatchObject({ what: "LLM judge Paper GPT-4: name", before: "Paper GPT-4", after: "GPT-4 (paper)" });

    const elsewhere = await seedStudy({ prompts: 1 });
    await expect(updateJudge(elsewhere.id, { judgeId: imported.id, name: "Mine", temperature: null, topP: null, maxTokens: null }, researcher.id)).rejects.toThrow("no such judge");
    await expect(deleteJudge(elsewhere.id, { judgeId: imported.id, answers: "delete" }, researcher.id)).rejects.toThrow("no such judge");
  });
});

describe("running a judge again", () => {
  it("asks every pair afresh, keeps the earlier answers in the history as superseded, and counts only the new ones", async () => {
    const judge = await addJudge();
    await runJudge(await startJudgeRun(judge.id), FAST);
    const first = await db().judgeRun.findFirstOrThrow({ where: { judgeId: judge.id } });
    const [alpaca] = await judgeResults(judge.id);
    expect(alpaca.agreement.labels).toEqual({ win: PROMPTS, tie: 0, loss: 0 });

    // The judge now prefers the baselines; run again through the settings' path, in the background.
    prefers = "baseline";
    await startRun(study.id, judge.id, researcher.id, { again: true });
    await settled(judge.id);
    const second = await db().judgeRun.findFirstOrThrow({ where: { judgeId: judge.id, id: { not: first.id } } });
    expect(second.status).toBe("done");
    // Every pair in both orders was asked twice in all: none skipped for having an answer.
    expect(server.requests).toHaveLength(2 * ITEMS);

    const verdicts = await db().judgeVerdict.findMany({ where: { judgeId: judge.id } });
    expect(verdicts).toHaveLength(2 * ITEMS);
    const superseded = verdicts.filter((v) => v.supersededAt);
    expect(superseded).toHaveLength(ITEMS);
    expect(superseded.every((v) => v.runId === first.id && v.verdict === "win")).toBe(true);
    expect(verdicts.filter((v) => !v.supersededAt).every((v) => v.runId === second.id && v.verdict === "loss")).toBe(true);

    // The figures hold the new run's answers alone.
    for (const { agreement } of await judgeResults(judge.id)) expect(agreement.labels).toEqual({ win: 0, tie: 0, loss: PROMPTS });
    for (const row of await judgeLengthEffect(study.id, judge.id)) expect(row.decidedWinShare?.estimate).toBe(0);
    const [summary] = await listJudges(study.id);
    expect(summary).toMatchObject({ items: ITEMS, answered: ITEMS, superseded: ITEMS, stored: 2 * ITEMS });

    // The history says so; the download lists both runs' answers, each with its run, the earlier marked.
    expect((await eventsOf(study.id)).at(-1)).toMatchObject({ what: "LLM judge run again", after: `GPT-4 as judge: every pair asked afresh; ${ITEMS} earlier answers kept in the history, superseded` });
    const rows = await csvRows(judge.id);
    expect(rows).toHaveLength(2 * ITEMS);
    expect(rows.filter((row) => row.superseded === "true").map((row) => [row.run_id, row.verdict])).toEqual(Array(ITEMS).fill([first.id, "win"]));
    expect(rows.filter((row) => row.superseded === "false").map((row) => [row.run_id, row.verdict])).toEqual(Array(ITEMS).fill([second.id, "loss"]));

    // The bundle lists them, marked, and its figures are recomputed from the current ones alone.
    const lines = (await readAll(studyBundle(study.id))).trim().split("\n");
    const records = lines.map((line) => JSON.parse(line));
    const inBundle = records.filter((record) => record.kind === "judgeVerdict");
    expect(inBundle).toHaveLength(2 * ITEMS);
    expect(inBundle.filter((record) => record.superseded).every((record) => record.runId === first.id)).toBe(true);
    expect((await analyzeBundle(lines)).differs).toEqual([]);
  });

  it("goes on from the new run's answers when it is resumed after a cancel, and refuses a judge whose verdicts were imported", async () => {
    const judge = await addJudge();
    await runJudge(await startJudgeRun(judge.id), FAST);
    // Again, stopped before it asks anything: the old answers are out of the figures at once.
    const again = await startJudgeRun(judge.id, true);
    await db().judgeRun.update({ where: { id: again }, data: { status: "cancelled", finishedAt: new Date() } });
    expect((await judgeResults(judge.id)).every(({ agreement }) => agreement.judgedPairs === 0)).toBe(true);
    expect(await listJudges(study.id)).toMatchObject([{ answered: 0, superseded: ITEMS }]);
    // Resumed (not again): every pair is asked, for none has a current answer; nothing superseded twice.
    await runJudge(await startJudgeRun(judge.id), FAST);
    expect(server.requests).toHaveLength(2 * ITEMS);
    expect(await listJudges(study.id)).toMatchObject([{ answered: ITEMS, superseded: ITEMS }]);

    await db().judge.create({ data: { studyId: study.id, name: "Imported" } });
    const imported = await db().judge.findUniqueOrThrow({ where: { studyId_name: { studyId: study.id, name: "Imported" } } });
    await expect(startRun(study.id, imported.id, researcher.id, { again: true })).rejects.toThrow("were imported");
  });
});

describe("deleting a judge", () => {
  it("keeping its answers retires it: out of the dashboard and the run controls, its answers in the download and the bundle, marked, its key erased", async () => {
    const judge = await addJudge();
    const other = await addJudge("Claude as judge");
    await runJudge(await startJudgeRun(judge.id), FAST);
    await deleteJudge(study.id, { judgeId: judge.id, answers: "keep" }, researcher.id);

    const stored = await db().judge.findUniqueOrThrow({ where: { id: judge.id } });
    expect(stored.retiredAt).not.toBeNull();
    expect(stored.apiKey).toBeNull();
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBe(ITEMS);
    expect((await eventsOf(study.id)).at(-1)).toMatchObject({
      what: "LLM judge deleted, its answers kept",
      after: `GPT-4 as judge (judge-1 at ${server.baseUrl}): ${ITEMS} answers kept in the history`,
      actorId: researcher.id,
    });
    expect((await studyJudgeResults(study.id)).map((one) => one.id)).toEqual([other.id]);
    expect((await listJudges(study.id)).find((one) => one.id === judge.id)).toMatchObject({ retiredAt: expect.any(Date), stored: ITEMS });

    const rows = await csvRows(judge.id);
    expect(rows).toHaveLength(ITEMS);
    expect(rows.every((row) => row.retired === "true" && row.superseded === "false")).toBe(true);
    const lines = (await readAll(studyBundle(study.id))).trim().split("\n");
    const records = lines.map((line) => JSON.parse(line));
    expect(records.filter((record) => record.kind === "judge").map((record) => [record.id, record.retired]).sort()).toEqual([[judge.id, true], [other.id, false]].sort());
    expect(records.filter((record) => record.kind === "judgeVerdict" && record.judge === judge.id)).toHaveLength(ITEMS);
    expect((await analyzeBundle(lines)).differs).toEqual([]);
    expect(records.find((record) => record.kind === "figure" && record.name === "judges").value.map((one: { name: string }) => one.name)).toEqual(["Claude as judge"]);

    // Neither run, changed, nor retired twice; its name stays taken by its answers.
    await expect(startRun(study.id, judge.id, researcher.id)).rejects.toThrow("was deleted");
    await expect(updateJudge(study.id, await edited(judge.id, { name: "New name" }), researcher.id)).rejects.toThrow("was deleted");
    await expect(deleteJudge(study.id, { judgeId: judge.id, answers: "keep" }, researcher.id)).rejects.toThrow("deleted already");
    await expect(addJudge("GPT-4 as judge")).rejects.toThrow('A deleted judge whose answers are kept is named "GPT-4 as judge"');
    const file = (text: string) => ({ name: "v.csv", size: text.length, open: async function* () { yield new Uint8Array(Buffer.from(text)); } });
    expect((await importJudgeVerdicts(study.id, file("judge,prompt_id,baseline,target_side,verdict\nGPT-4 as judge,p1,Alpaca 65B,left,win\n"))).errors).toEqual([
      { line: 2, field: "judge", reason: expect.stringContaining("deleted with its answers kept") },
    ]);

    // Its answers can still be deleted for good.
    await deleteJudge(study.id, { judgeId: judge.id, answers: "delete" }, researcher.id);
    expect(await db().judge.count({ where: { id: judge.id } })).toBe(0);
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBe(0);
  });

  it("deleting its answers removes the judge, its runs and every answer, recorded in the history", async () => {
    const judge = await addJudge();
    await runJudge(await startJudgeRun(judge.id), FAST);
    await deleteJudge(study.id, { judgeId: judge.id, answers: "delete" }, researcher.id);
    expect(await db().judge.count({ where: { id: judge.id } })).toBe(0);
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBe(0);
    expect(await db().judgeRun.count({ where: { judgeId: judge.id } })).toBe(0);
    expect((await eventsOf(study.id)).at(-1)).toMatchObject({ what: "LLM judge deleted with its answers", after: `GPT-4 as judge (judge-1 at ${server.baseUrl}): ${ITEMS} answers deleted` });
    expect(await listJudges(study.id)).toEqual([]);
    // The name is free again.
    await addJudge("GPT-4 as judge");
  });
});

describe("pairs removed from the study", () => {
  it("are not asked by a run, new or again, count in no progress, and are marked removed in the download", async () => {
    const judge = await addJudge();
    const [judged, never] = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" }, take: 2 });
    // One judged before it was removed, one removed before any run.
    await db().judgeVerdict.create({ data: { judgeId: judge.id, pairId: judged.id, targetSide: "left", choice: "left", verdict: "win", answer: "A" } });
    await reviewItem(study.id, judged.id, "remove", researcher.id);
    await reviewItem(study.id, never.id, "remove", researcher.id);

    expect(await listJudges(study.id)).toMatchObject([{ items: ITEMS - 4, answered: 0 }]);
    await runJudge(await startJudgeRun(judge.id), FAST);
    expect(server.requests).toHaveLength(ITEMS - 4);
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id, pairId: { in: [judged.id, never.id] } } })).toBe(1);
    expect(await listJudges(study.id)).toMatchObject([{ items: ITEMS - 4, answered: ITEMS - 4 }]);

    await runJudge(await startJudgeRun(judge.id, true), FAST);
    expect(server.requests).toHaveLength(2 * (ITEMS - 4));
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id, pairId: { in: [judged.id, never.id] }, supersededAt: null } })).toBe(0);

    const rows = await csvRows(judge.id);
    expect(rows.filter((row) => row.removed === "true").map((row) => [row.pair_id, row.superseded])).toEqual([[judged.id, "true"]]);
    expect(rows.filter((row) => row.removed === "false")).toHaveLength(2 * (ITEMS - 4));
  });
});
