// The judge's runs against a local OpenAI-compatible server (real HTTP on loopback).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_JUDGE_PROMPT } from "@/lib/judge/judge-prompt";
import { requestCancel, runJudge, startJudgeRun, takeOverStaleRuns } from "@/lib/judge/judge-run";
import { startOpenAiCompatibleServer, type ChatRequest, type FakeServer, type ScriptedAnswer } from "@/lib/testing/openai-compatible-server";
import { seedStudy, type SeededStudy } from "@/lib/testing/seed-study";

const PROMPTS = 10;
/** 10 prompts × 2 baselines × 2 orders. */
const ITEMS = PROMPTS * 2 * 2;
const FAST = { call: { baseDelayMs: 5, maxDelayMs: 20 }, heartbeatMs: 50 };

let server: FakeServer;
let study: SeededStudy;

/**
 * The scripted judge prefers the target (seeded as "system 0") except on question 3, where it
 * gives no verdict it can be held to, and on question 4, which it first meets with a 429.
 */
function judgeAnswer(request: ChatRequest): ScriptedAnswer {
  const text = request.messages[0].content;
  if (text.includes("to question 3.")) return { content: "Both answers have merits; I cannot decide." };
  const a = text.slice(text.indexOf("Answer A:"), text.indexOf("Answer B:"));
  return { content: a.includes("system 0") ? "Answer A is significantly better" : "Answer B is significantly better" };
}

async function makeJudge(baseUrl: string, concurrency = 4) {
  return db().judge.create({
    data: { studyId: study.id, name: `judge-${concurrency}-${Math.random()}`, baseUrl, model: "judge-1", apiKey: "sk-local", prompt: DEFAULT_JUDGE_PROMPT, temperature: 0, concurrency },
  });
}

beforeEach(async () => {
  study = await seedStudy({ prompts: PROMPTS, baselines: ["Alpaca 65B", "GPT-4"] });
});

afterEach(async () => {
  await server?.close();
});

describe("a judge run", () => {
  it("judges every pair in both orders, stores each verdict in the target's terms, and counts calls and tokens from the API", async () => {
    const seen = new Set<string>();
    server = await startOpenAiCompatibleServer((request) => {
      const text = request.messages[0].content;
      if (text.includes("to question 4.") && !seen.has(text)) {
        seen.add(text);
        return { status: 429, headers: { "retry-after": "0" } };
      }
      return judgeAnswer(request);
    });
    const judge = await makeJudge(server.baseUrl);
    const runId = await startJudgeRun(judge.id);
    await expect(startJudgeRun(judge.id)).rejects.toThrow("already running");
    await runJudge(runId, FAST);

    const run = await db().judgeRun.findUniqueOrThrow({ where: { id: runId } });
    const verdicts = await db().judgeVerdict.findMany({ where: { judgeId: judge.id } });
    expect(run.status).toBe("done");
    expect(verdicts).toHaveLength(ITEMS);
    // Every request counted, the 429s included; tokens as the API reported them.
    expect(run.calls).toBe(server.requests.length);
    expect(server.requests).toHaveLength(ITEMS + 4);
    expect(run.promptTokens).toBe(verdicts.reduce((sum, v) => sum + (v.promptTokens ?? 0), 0));
    expect(run.promptTokens).toBeGreaterThan(0);

    const unparseable = verdicts.filter((v) => v.problem);
    expect(unparseable).toHaveLength(4);
    for (const v of unparseable) expect(v).toMatchObject({ choice: null, verdict: null, answer: "Both answers have merits; I cannot decide.", problem: expect.stringContaining("unparseable") });
    // The target won in both orders everywhere else: "A" when it was shown as A, "B" when as B.
    for (const v of verdicts.filter((v) => !v.problem)) expect(v).toMatchObject({ verdict: "win", choice: v.targetSide });
    // The key went to the endpoint, and the raters' instructions into the prompt.
    expect(server.requests[0].authorization).toBe("Bearer sk-local");
    expect(server.requests[0].body.messages[0].content).toContain("Pick the answer that best satisfies your needs.");
  });

  it("taken over after its process died, asks only for what has no stored answer", async () => {
    server = await startOpenAiCompatibleServer(async (request) => ({ ...judgeAnswer(request), delayMs: 20 }));
    const judge = await makeJudge(server.baseUrl, 2);
    const runId = await startJudgeRun(judge.id);
    const death = new AbortController();
    const dying = runJudge(runId, { ...FAST, signal: death.signal });
    await expect.poll(() => db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBeGreaterThanOrEqual(10);
    death.abort(new Error("process killed"));
    await dying;
    const storedBefore = await db().judgeVerdict.count({ where: { judgeId: judge.id } });
    const requestsBefore = server.requests.length;
    expect((await db().judgeRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("running");

    // Not stale yet: nobody takes it. Then it is.
    expect(await takeOverStaleRuns(60_000)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await takeOverStaleRuns(200)).toEqual([runId]);
    await runJudge(runId, FAST);

    expect((await db().judgeRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("done");
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBe(ITEMS);
    // The new process asked exactly for what had no stored answer: nothing stored was paid twice.
    // Only the calls in flight at the death (two workers at most) were asked for again.
    expect(server.requests.length - requestsBefore).toBe(ITEMS - storedBefore);
    expect(requestsBefore - storedBefore).toBeLessThanOrEqual(2);
  });

  it("stops when cancelled, keeping what it has, and asks for nothing more", async () => {
    server = await startOpenAiCompatibleServer(async (request) => ({ ...judgeAnswer(request), delayMs: 50 }));
    const judge = await makeJudge(server.baseUrl, 1);
    const runId = await startJudgeRun(judge.id);
    const running = runJudge(runId, FAST);
    await expect.poll(() => db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBeGreaterThanOrEqual(3);
    await requestCancel(runId);
    await running;
    const requestsAtEnd = server.requests.length;
    const run = await db().judgeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("cancelled");
    const stored = await db().judgeVerdict.count({ where: { judgeId: judge.id } });
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(stored).toBeLessThan(ITEMS);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests.length).toBe(requestsAtEnd);
    // A new run goes on from there.
    await runJudge(await startJudgeRun(judge.id), FAST);
    expect(await db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBe(ITEMS);
  });

  it("fails with the endpoint's reason when it refuses the request itself", async () => {
    server = await startOpenAiCompatibleServer(() => ({ status: 401 }));
    const judge = await makeJudge(server.baseUrl, 1);
    const runId = await startJudgeRun(judge.id);
    await runJudge(runId, FAST);
    const run = await db().judgeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "failed", error: 'HTTP 401: the endpoint refused the API key: "scripted 401" (after 1 attempt)', calls: 1 });
    expect(server.requests).toHaveLength(1);
  });
});
