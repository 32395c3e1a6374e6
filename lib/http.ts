// The JSON API's shared answers: a body read against its zod schema, and an expected failure as
// a status with a message a person can act on.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

const STATUS: Record<AppError["code"], number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, gone: 410 };

// Bodies of the rater API are small; anything larger is refused before it is parsed.
const MAX_BODY_CHARS = 64 * 1024;

export function errorResponse(error: AppError, extra: object = {}): Response {
  return Response.json({ error: error.userMessage, ...extra }, { status: STATUS[error.code] });
}

export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<{ data: T } | { response: Response }> {
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) {
    return { response: Response.json({ error: "The request body is too large." }, { status: 413 }) };
  }
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
