// The database failures that are not the app's fault, told apart from every other one so that the
// app can answer with a message the person can act on instead of a 500: the database is down or
// restarting (503: wait, then try again), or the request holds text Postgres cannot store (400).
// Prisma wraps the driver's error; the raw pg client (imports, exports) throws it bare.

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database cannot be reached just now, so nothing was recorded. Please try again in a few seconds.";

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

// Prisma: can't reach the server, timed out, connection closed.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
// What @prisma/adapter-pg calls a connection failure.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Node's socket errors.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);
// SQLSTATE class 08 (connection exception); 57P01–57P03: shut down by an administrator, crash
// recovery, cannot connect now (starting up).
const SQLSTATE = /^(08\d{3}|57P0[123])$/;

function looksUnavailable(value: Record<string, unknown>): boolean {
  const code = typeof value.code === "string" ? value.code : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof value.kind === "string" && ADAPTER_KINDS.has(value.kind)) return true;
  if (typeof value.originalCode === "string" && SQLSTATE.test(value.originalCode)) return true;
  // pg's own words for a connection that broke, or broke earlier in the same transaction, or for
  // a pool that had no connection free in time (overloaded: also worth trying again shortly).
  return (
    typeof value.message === "string" &&
    /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/.test(value.message)
  );
}

/** Whether `test` holds for the error or anything it wraps. */
function anyCause(error: unknown, test: (value: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const value = queue.shift();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (test(record)) return true;
    const meta = record.meta as Record<string, unknown> | undefined;
    queue.push(record.cause, meta?.driverAdapterError);
  }
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return anyCause(error, looksUnavailable);
}

export const UNSTORABLE_TEXT_MESSAGE = "The request holds a character that cannot be stored (a NUL byte, or an invalid escape): remove it and try again.";

// SQLSTATE 22021 (character not in repertoire: a NUL byte in text) and 22P05 (untranslatable
// character: "\u0000" in JSON).
const UNSTORABLE = new Set(["22021", "22P05"]);

export function isUnstorableText(error: unknown): boolean {
  return anyCause(error, (value) => UNSTORABLE.has(String(value.code)) || UNSTORABLE.has(String(value.originalCode)));
}

/**
 * Postgres chose this transaction as the victim of a deadlock (SQLSTATE 40P01) and rolled it
 * back: nothing of it was written, so doing it again is safe.
 */
export function isDeadlock(error: unknown): boolean {
  return anyCause(error, (value) => value.code === "40P01" || value.originalCode === "40P01");
}

export function databaseUnavailableResponse(): Response {
  return Response.json(
    { error: DATABASE_UNAVAILABLE_MESSAGE },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}
