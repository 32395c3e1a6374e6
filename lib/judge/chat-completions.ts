// One call to an OpenAI-compatible chat-completions endpoint, as the LLM judge makes it: retried
// with exponential backoff when the endpoint says it is busy (429) or failing (5xx), when it
// answers something that is not a completion, or when it does not answer in time; not retried
// when the request itself is refused (a wrong key or model: trying again would only pay again).

export interface Endpoint {
  /** e.g. https://api.openai.com/v1; /chat/completions is added. */
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

async function attempt(endpoint: Endpoint, body: string, timeoutMs: number, signal?: AbortSignal): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${endpoint.apiKey}` },
      body,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return { error: timedOut ? `no answer within ${timeoutMs / 1000} s` : `could not reach the endpoint (${(error as Error).message})`, retryable: true };
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // Not JSON: the body's start says enough.
    }
    const retryable = response.status === 429 || response.status >= 500;
    return { error: `HTTP ${response.status}: ${message}`, retryable, status: response.status, waitMs: retryAfterMs(response.headers.get("retry-after")) };
  }
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
}

export async function complete(endpoint: Endpoint, messages: ChatMessage[], sampling: Sampling = {}, options: CallOptions = {}): Promise<Completion> {
  const { maxAttempts, baseDelayMs, maxDelayMs, timeoutMs } = { ...DEFAULTS, ...options };
  const body = JSON.stringify({
    model: endpoint.model,
    messages,
    ...(sampling.temperature !== undefined && { temperature: sampling.temperature }),
    ...(sampling.topP !== undefined && { top_p: sampling.topP }),
    ...(sampling.maxTokens !== undefined && { max_tokens: sampling.maxTokens }),
  });
  for (let attempts = 1; ; attempts++) {
    const result = await attempt(endpoint, body, timeoutMs, options.signal);
    if ("completion" in result) return { ...result.completion, attempts };
    if (!result.retryable || attempts >= maxAttempts) {
      throw new JudgeCallError(`${result.error} (after ${attempts} attempt${attempts === 1 ? "" : "s"})`, result.retryable, attempts, result.status);
    }
    // Full jitter: calls that failed together do not all come back at once.
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
    await sleep(Math.min(maxDelayMs, result.waitMs ?? backoff), options.signal);
  }
}
