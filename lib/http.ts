// The JSON API's shared answers: a body read against its zod schema, and an expected failure as
// a status with a message a person can act on.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

const STATUS: Record<AppError["code"], number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, gone: 410, busy: 503 };

// Bodies of the rater API are small; anything larger is refused while it streams in.
const MAX_BODY_BYTES = 64 * 1024;

export function errorResponse(error: AppError, extra: object = {}): Response {
  return Response.json({ error: error.userMessage, ...extra }, { status: STATUS[error.code] });
}

const TOO_LARGE = () => Response.json({ error: `The request body is too large: at most ${MAX_BODY_BYTES / 1024} kB.` }, { status: 413 });

/** The body as text, or null once it passes `max` bytes (the rest is not read). */
async function cappedText(request: Request, max: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Not cancelled: the server reads the rest away after the answer, so that the client,
      // still sending, gets the 413 instead of a reset connection.
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A JSON body read against its zod schema. The cheap refusals come first: a body that is not
 * declared JSON (415: a form another site posts is text/plain), or says it is too large (413),
 * before a byte is read; then one that turns out too large while it streams.
 */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<{ data: T } | { response: Response }> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) {
    return { response: Response.json({ error: "The request body must be JSON, sent with Content-Type: application/json." }, { status: 415 }) };
  }
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return { response: TOO_LARGE() };
  const text = await cappedText(request, MAX_BODY_BYTES);
  if (text === null) return { response: TOO_LARGE() };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { response: Response.json({ error: "The request body must be JSON." }, { status: 400 }) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", reason: issue.message }));
    return { response: Response.json({ error: "The request body is not valid.", problems }, { status: 400 }) };
  }
  return { data: parsed.data };
}

/**
 * Why a state-changing request did not come from the app's own pages, or null if it did (or came
 * from no browser at all: a script sends neither header). Browsers send Sec-Fetch-Site and
 * Origin with every cross-site POST, which a SameSite=Lax cookie alone does not stop from a
 * sibling subdomain.
 */
export function crossSiteRefusal(request: Request, appOrigin: string | undefined): Response | null {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const own = new Set([new URL(request.url).origin, ...(appOrigin ? [new URL(appOrigin).origin] : [])]);
  if ((site && site !== "same-origin" && site !== "none") || (origin && !own.has(origin))) {
    return Response.json({ error: "This request did not come from the app's own pages, so it was refused." }, { status: 403 });
  }
  return null;
}
