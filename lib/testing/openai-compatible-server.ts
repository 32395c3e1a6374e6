// A stand-in for an OpenAI-compatible chat-completions endpoint, for the judge's tests: real HTTP
// on loopback, answering each request as the test scripts it (a verdict, a malformed body, a 429,
// a slow answer), and keeping every request it received so that a test can count the calls.
import { createServer, type IncomingMessage, type Server } from "node:http";

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

export interface ScriptedAnswer {
  status?: number;
  /** A verdict text, answered as the first choice's message with usage counted from its length. */
  content?: string;
  /** A raw body instead (for malformed answers). */
  raw?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeServer {
  /** The base URL, ending in /v1. */
  baseUrl: string;
  /** Every request received, in order, with the Authorization header it carried. */
  requests: { body: ChatRequest; authorization: string | undefined }[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
}

// Usage as a real API reports it, roughly: a token per four characters.
const tokens = (text: string) => Math.ceil(text.length / 4);

export async function startOpenAiCompatibleServer(answer: (request: ChatRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>): Promise<FakeServer> {
  const requests: FakeServer["requests"] = [];
  const server: Server = createServer(async (request, response) => {
    if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const body = JSON.parse(await readBody(request)) as ChatRequest;
    const index = requests.push({ body, authorization: request.headers.authorization }) - 1;
    const scripted = await answer(body, index);
    if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (response.destroyed) return;
    const status = scripted.status ?? 200;
    const prompt = body.messages.map((message) => message.content).join("\n");
    const payload =
      scripted.raw ??
      JSON.stringify(
        status === 200
          ? {
              id: `chatcmpl-${index}`,
              object: "chat.completion",
              model: body.model,
              choices: [{ index: 0, message: { role: "assistant", content: scripted.content ?? "" }, finish_reason: "stop" }],
              usage: { prompt_tokens: tokens(prompt), completion_tokens: tokens(scripted.content ?? ""), total_tokens: tokens(prompt) + tokens(scripted.content ?? "") },
            }
          : { error: { message: `scripted ${status}`, type: "test" } },
      );
    response.writeHead(status, { "content-type": "application/json", ...scripted.headers }).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("The test server has no address");
  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
