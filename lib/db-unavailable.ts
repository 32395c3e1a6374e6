// Telling "the database is down or restarting" apart from every other failure, so that the app
// can answer 503 with a message a rater can act on (wait, then try again) instead of a 500.
// Prisma wraps the driver's error; the raw pg pool (exports) throws it bare.

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
  // pg's own words for a connection that broke, or broke earlier in the same transaction.
  return typeof value.message === "string" && /^(Connection terminated|Client has encountered a connection error)/.test(value.message);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const value = queue.shift();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (looksUnavailable(record)) return true;
    const meta = record.meta as Record<string, unknown> | undefined;
    queue.push(record.cause, meta?.driverAdapterError);
  }
  return false;
}

export function databaseUnavailableResponse(): Response {
  return Response.json(
    { error: DATABASE_UNAVAILABLE_MESSAGE },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}
