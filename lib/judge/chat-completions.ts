// One call to an OpenAI-compatible chat-completions endpoint, as the LLM judge makes it: retried
// with exponential backoff when the endpoint says it is busy (429) or failing (5xx), when it
// answers something that is not a completion, or when it does not answer in time; not retried
// when the request itself is refused (a wrong key or model: trying again would only pay again).
// Every call goes through the endpoint guard, follows no redirect, and reports failures in the
// app's own words: the body of an arbitrary reply never reaches the researcher's page.
import { isIP } from "node:net";
import { Agent, fetch, type Response } from "undici";
import { env } from "@/lib/env";
import { checkedAddresses, completionsUrl, EndpointRefused, guardedLookup } from "@/lib/judge/endpoint-guard";

export interface Endpoint {
  /** e.g. https://api.openai.com/v1; /chat/completions is added, and nothing else of it is kept but its origin and path. */
  baseUrl: string;
  model: string;
  apiKey: string;
}

export interface Sampling {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface Completion {
  content: string;
  /** From the API's usage field; null when it sent none. */
  usage: { promptTokens: number; completionTokens: number } | null;
  /** HTTP requests made for this completion, retries included. */
  attempts: number;
}

export interface CallOptions {
  maxAttempts?: number;
  /** The first retry's wait; each further one doubles it, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Hosts that may be internal addresses; JUDGE_ALLOWED_HOSTS when not given. */
  allowedHosts?: readonly string[];
}

export class JudgeCallError extends Error {
  constructor(
    message: string,
    /** Whether the endpoint might answer if asked again later. */
    readonly retryable: boolean,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = "JudgeCallError";
  }
}

const DEFAULTS = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000, timeoutMs: 120_000 };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** Seconds or an HTTP date in Retry-After, as milliseconds. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

type Attempt = { completion: Omit<Completion, "attempts"> } | { error: string; retryable: boolean; status?: number; waitMs?: number };

// A completion is a few kilobytes; a reply far larger is not one, and is not read further.
const MAX_REPLY_BYTES = 4 * 1024 * 1024;

async function cappedText(response: Response): Promise<string | null> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await response.body.cancel().catch(() => {});
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const REASONS: Record<number, string> = {
  400: "the endpoint refused the request",
  401: "the endpoint refused the API key",
  403: "the endpoint refused the API key",
  404: "no such endpoint or model",
  408: "the endpoint timed out",
  413: "the request was too large for the endpoint",
  422: "the endpoint refused the request",
  429: "the endpoint is busy or the key is over its rate limit",
};

/** At most a short line of the JSON error's own message, with nothing that could pass for markup or a new line. */
function errorExcerpt(text: string | null): string {
  if (!text) return "";
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } | string }).error;
    const said = typeof message === "string" ? message : typeof message?.message === "string" ? message.message : "";
    const clean = said.replace(/[\u0000-\u001f\u007f<>]/g, " ").replace(/\s+/g, " ").trim();
    return clean ? `: "${clean.length > 160 ? `${clean.slice(0, 160)}…` : clean}"` : "";
  } catch {
    return "";
  }
}

async function attempt(endpoint: Endpoint, body: string, options: { timeoutMs: number; signal?: AbortSignal; allowedHosts: readonly string[] }): Promise<Attempt> {
  const { timeoutMs, signal, allowedHosts } = options;
  let response: Response;
  let dispatcher: Agent | undefined;
  try {
    const url = completionsUrl(endpoint.baseUrl);
    // An address written as such opens no DNS lookup, so it is checked here.
    if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) await checkedAddresses(url, allowedHosts);
    dispatcher = new Agent({ connect: { lookup: guardedLookup(url, allowedHosts) } });
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${endpoint.apiKey}` },
      body,
      redirect: "manual",
      dispatcher,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    await dispatcher?.close().catch(() => {});
    if (signal?.aborted) throw signal.reason;
    if (error instanceof EndpointRefused) return { error: error.message, retryable: false };
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof EndpointRefused) return { error: cause.message, retryable: false };
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return { error: timedOut ? `no answer within ${timeoutMs / 1000} s` : "could not reach the endpoint", retryable: true };
  }
  try {
    if (response.status >= 300 && response.status < 400) {
      return { error: `HTTP ${response.status}: the endpoint answered with a redirect, which the judge does not follow`, retryable: false, status: response.status };
    }
    const text = await cappedText(response).catch(() => null);
    if (!response.ok) {
      const reason = REASONS[response.status] ?? (response.status >= 500 ? "the endpoint is failing" : "the endpoint refused the request");
      const retryable = response.status === 429 || response.status >= 500;
      return { error: `HTTP ${response.status}: ${reason}${errorExcerpt(text)}`, retryable, status: response.status, waitMs: retryAfterMs(response.headers.get("retry-after")) };
    }
    if (text === null) return { error: "the answer is larger than a completion can be", retryable: true, status: response.status };
    let parsed: { choices?: { message?: { content?: unknown } }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
    try {
      parsed = JSON.parse(text);
    } catch {
      return { error: "the answer is not JSON", retryable: true, status: response.status };
    }
    const content = parsed.choices?.[0]?.message?.content;
    if (typeof content !== "string") return { error: "the answer has no choices[0].message.content", retryable: true, status: response.status };
    const usage = parsed.usage;
    return {
      completion: {
        content,
        usage:
          usage && typeof usage.prompt_tokens === "number" && typeof usage.completion_tokens === "number"
            ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens }
            : null,
      },
    };
  } finally {
    await dispatcher.close().catch(() => {});
  }
}

export async function complete(endpoint: Endpoint, messages: ChatMessage[], sampling: Sampling = {}, options: CallOptions = {}): Promise<Completion> {
  const { maxAttempts, baseDelayMs, maxDelayMs, timeoutMs } = { ...DEFAULTS, ...options };
  const allowedHosts = options.allowedHosts ?? env().JUDGE_ALLOWED_HOSTS;
  const body = JSON.stringify({
    model: endpoint.model,
    messages,
    ...(sampling.temperature !== undefined && { temperature: sampling.temperature }),
    ...(sampling.topP !== undefined && { top_p: sampling.topP }),
    ...(sampling.maxTokens !== undefined && { max_tokens: sampling.maxTokens }),
  });
  for (let attempts = 1; ; attempts++) {
    const result = await attempt(endpoint, body, { timeoutMs, signal: options.signal, allowedHosts });
    if ("completion" in result) return { ...result.completion, attempts };
    if (!result.retryable || attempts >= maxAttempts) {
      throw new JudgeCallError(`${result.error} (after ${attempts} attempt${attempts === 1 ? "" : "s"})`, result.retryable, attempts, result.status);
    }
    // Full jitter: calls that failed together do not all come back at once.
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
    await sleep(Math.min(maxDelayMs, result.waitMs ?? backoff), options.signal);
  }
}
