// Against a real HTTP server on loopback (lib/testing/openai-compatible-server.ts).
import { afterEach, describe, expect, it } from "vitest";
import { startOpenAiCompatibleServer, type FakeServer, type ScriptedAnswer } from "@/lib/testing/openai-compatible-server";
import { complete, JudgeCallError } from "./chat-completions";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function endpoint(script: (index: number) => ScriptedAnswer) {
  server = await startOpenAiCompatibleServer((_request, index) => script(index));
  return { baseUrl: server.baseUrl, model: "judge-1", apiKey: "sk-test" };
}

// The stand-in listens on loopback, which the endpoint guard refuses unless listed.
const FAST = { baseDelayMs: 5, maxDelayMs: 50, allowedHosts: ["127.0.0.1"] };
const messages = [{ role: "user" as const, content: "Which answer is better?" }];

describe("complete", () => {
  it("sends the model, messages, sampling and key, and returns the content with the API's usage", async () => {
    const target = await endpoint(() => ({ content: "Answer A is significantly better" }));
    const completion = await complete(target, messages, { temperature: 0, topP: 1, maxTokens: 50 }, FAST);
    expect(completion).toEqual({ content: "Answer A is significantly better", usage: { promptTokens: 6, completionTokens: 8 }, attempts: 1 });
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0].authorization).toBe("Bearer sk-test");
    expect(server!.requests[0].body).toEqual({ model: "judge-1", messages, temperature: 0, top_p: 1, max_tokens: 50 });
  });

  it("retries 429 (after its Retry-After), 5xx and malformed answers, then succeeds", async () => {
    const script: ScriptedAnswer[] = [
      { status: 429, headers: { "retry-after": "0" } },
      { status: 503 },
      { raw: "{not json" },
      { raw: JSON.stringify({ choices: [] }) },
      { content: "B" },
    ];
    const target = await endpoint((index) => script[index]);
    expect(await complete(target, messages, {}, FAST)).toMatchObject({ content: "B", attempts: 5 });
    expect(server!.requests).toHaveLength(5);
  });

  it("gives up after maxAttempts with the last reason, and does not retry a refused request", async () => {
    const busy = await endpoint(() => ({ status: 500 }));
    await expect(complete(busy, messages, {}, { ...FAST, maxAttempts: 3 })).rejects.toMatchObject({
      name: "JudgeCallError",
      message: 'HTTP 500: the endpoint is failing: "scripted 500" (after 3 attempts)',
      retryable: true,
      attempts: 3,
    });
    await server!.close();

    const refused = await endpoint(() => ({ status: 401 }));
    const error = await complete(refused, messages, {}, FAST).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JudgeCallError);
    expect(error).toMatchObject({ retryable: false, attempts: 1, status: 401 });
    expect(server!.requests).toHaveLength(1);
  });

  it("retries an answer that does not come in time", async () => {
    const target = await endpoint((index) => (index === 0 ? { content: "A", delayMs: 2_000 } : { content: "Neither" }));
    expect(await complete(target, messages, {}, { ...FAST, timeoutMs: 200 })).toMatchObject({ content: "Neither", attempts: 2 });
  });

  it("stops at once when cancelled", async () => {
    const target = await endpoint(() => ({ content: "A", delayMs: 5_000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled")), 50);
    await expect(complete(target, messages, {}, { ...FAST, signal: controller.signal })).rejects.toThrow("cancelled");
  });

  it("refuses a loopback endpoint unless its host is listed, follows no redirect, and never shows a reply's body", async () => {
    const target = await endpoint((index): ScriptedAnswer =>
      index === 0
        ? { status: 302, headers: { location: "http://127.0.0.1:9/internal" }, raw: "" }
        : { status: 500, raw: "<html>Internal admin page: secret-token-123</html>", headers: { "content-type": "text/html" } },
    );
    const unlisted = await complete(target, messages, {}, { ...FAST, allowedHosts: [] }).catch((caught: unknown) => caught);
    expect(unlisted).toMatchObject({ retryable: false, attempts: 1 });
    expect(String((unlisted as Error).message)).toMatch(/loopback, private, link-local or otherwise internal address \(127\.0\.0\.1\); list it in JUDGE_ALLOWED_HOSTS/);
    expect(server!.requests).toHaveLength(0);

    const redirected = await complete(target, messages, {}, FAST).catch((caught: unknown) => caught);
    expect(redirected).toMatchObject({ message: "HTTP 302: the endpoint answered with a redirect, which the judge does not follow (after 1 attempt)", retryable: false });
    expect(server!.requests).toHaveLength(1);

    const failing = await complete(target, messages, {}, { ...FAST, maxAttempts: 1 }).catch((caught: unknown) => caught);
    expect((failing as Error).message).toBe("HTTP 500: the endpoint is failing (after 1 attempt)");
    expect((failing as Error).message).not.toContain("secret");
  });

  it("refuses a name that resolves to loopback, and takes the base URL's query for nothing", async () => {
    const target = await endpoint(() => ({ content: "A" }));
    const port = new URL(target.baseUrl).port;
    await expect(complete({ ...target, baseUrl: `http://localhost:${port}/v1` }, messages, {}, { ...FAST, allowedHosts: [] })).rejects.toThrow(/resolves to a loopback/);
    await expect(complete({ ...target, baseUrl: `${target.baseUrl}?x=1` }, messages, {}, FAST)).rejects.toThrow(/may not carry a query/);
    expect(server!.requests).toHaveLength(0);
  });
});
