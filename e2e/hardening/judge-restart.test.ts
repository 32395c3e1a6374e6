// An LLM judge's run survives its app process: started from the settings page's action, the
// process is killed with SIGKILL mid-run; another process finds the run's heartbeat stale, takes
// it over and finishes it, asking the endpoint only for what has no stored answer.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_JUDGE_PROMPT } from "@/lib/judge/judge-prompt";
import { STALE_AFTER_MS } from "@/lib/judge/judge-run";
import { signInOverHttp } from "@/lib/testing/http-raters";
import { startOpenAiCompatibleServer, type FakeServer } from "@/lib/testing/openai-compatible-server";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { invokeAction, serverActions } from "./server-actions";
import { startStack, type Stack } from "./stack";

const ITEMS = 10 * 2 * 2;

let stack: Stack;
let server: FakeServer;
let study: SeededStudy;
let researcher: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  stack = await startStack({ apps: 1 });
  server = await startOpenAiCompatibleServer((request) => {
    const text = request.messages[0].content;
    const a = text.slice(text.indexOf("Answer A:"), text.indexOf("Answer B:"));
    return { content: a.includes("system 0") ? "Answer A is significantly better" : "Answer B is significantly better", delayMs: 150 };
  });
  researcher = await makeUser("researcher");
  study = await seedStudy({ prompts: 10, baselines: ["Alpaca 65B", "GPT-4"], createdById: researcher.id });
});

afterAll(async () => {
  await server?.close();
  await stack?.close();
});

it("a run whose process was killed is taken over by another process and finished, nothing stored asked for twice", async () => {
  const judge = await db().judge.create({
    data: { studyId: study.id, name: "GPT-4 as judge", baseUrl: server.baseUrl, model: "judge-1", apiKey: "sk-local", prompt: DEFAULT_JUDGE_PROMPT, concurrency: 1 },
  });
  const [first] = stack.apps;
  const cookie = await signInOverHttp(first.origin, researcher.email, researcher.password);
  const form = new FormData();
  form.append("slug", study.slug);
  form.append("judgeId", judge.id);
  const started = await invokeAction(first.origin, `/studies/${study.slug}/settings`, serverActions().get("startJudgeRunAction")!, cookie, [form]);
  expect(started.status).toBe(200);

  await expect.poll(() => db().judgeVerdict.count({ where: { judgeId: judge.id } }), { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
  await first.kill();
  const storedAtDeath = await db().judgeVerdict.count({ where: { judgeId: judge.id } });
  const requestsAtDeath = server.requests.length;
  expect(storedAtDeath).toBeLessThan(ITEMS);

  const second = await stack.startApp();
  // Stale after 30 s; every process looks every 15 s.
  await expect
    .poll(async () => (await db().judgeRun.findFirstOrThrow({ where: { judgeId: judge.id } })).status, { timeout: STALE_AFTER_MS * 2 + 30_000, interval: 1_000 })
    .toBe("done");
  expect(await db().judgeVerdict.count({ where: { judgeId: judge.id } })).toBe(ITEMS);
  expect(server.requests.length - requestsAtDeath).toBe(ITEMS - storedAtDeath);
  expect(requestsAtDeath - storedAtDeath).toBeLessThanOrEqual(1);
  expect(second.output()).not.toContain("stopped:");
});
