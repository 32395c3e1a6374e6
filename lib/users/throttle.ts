// Slows down guessing: each key (an email, a client address) may fail at most its limit of
// times in a window of THROTTLE_WINDOW_MINUTES; past that every attempt is refused, the right
// password included, until the window ends. Counted in Postgres, so every app process shares the
// count, and counted before the attempt's expensive work, in one statement, so that attempts at
// once cannot all pass a check made before any of them was counted.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export interface ThrottleKey {
  key: string;
  max: number;
}

export const emailKey = (email: string): ThrottleKey => ({ key: `email:${email.trim().toLowerCase()}`, max: env().FAILURES_PER_EMAIL });
export const addressKey = (address: string): ThrottleKey => ({ key: `address:${address}`, max: env().FAILURES_PER_ADDRESS });

/**
 * Counts one attempt against every key, as a failure until `forgive` says otherwise. Returns the
 * minutes until the attempt may be made again (rounded up), or 0 when it may go ahead now.
 */
export async function countAttempt(keys: ThrottleKey[]): Promise<number> {
  const minutes = env().THROTTLE_WINDOW_MINUTES;
  const rows = await db().$queryRaw<{ key: string; failures: number; minutesLeft: number }[]>`
    INSERT INTO "Throttle" (key, failures, "windowStartsAt")
    SELECT unnest(${keys.map((k) => k.key)}::text[]), 1, now()
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "Throttle"."windowStartsAt" <= now() - make_interval(mins => ${minutes}) THEN 1 ELSE "Throttle".failures + 1 END,
      "windowStartsAt" = CASE WHEN "Throttle"."windowStartsAt" <= now() - make_interval(mins => ${minutes}) THEN now() ELSE "Throttle"."windowStartsAt" END
    RETURNING key, failures, ceil(extract(epoch FROM "windowStartsAt" + make_interval(mins => ${minutes}) - now()) / 60)::int AS "minutesLeft"`;
  const over = rows.filter((row) => row.failures > keys.find((k) => k.key === row.key)!.max);
  return over.length ? Math.max(1, ...over.map((row) => row.minutesLeft)) : 0;
}

/**
 * For entries that cost the server little (a crowd link's token is one lookup): whether the keys
 * are over their limit now, without counting this attempt; failures are counted by countAttempt.
 */
export async function minutesRefused(keys: ThrottleKey[]): Promise<number> {
  const minutes = env().THROTTLE_WINDOW_MINUTES;
  const rows = await db().$queryRaw<{ key: string; failures: number; minutesLeft: number }[]>`
    SELECT key, failures, ceil(extract(epoch FROM "windowStartsAt" + make_interval(mins => ${minutes}) - now()) / 60)::int AS "minutesLeft"
      FROM "Throttle" WHERE key = ANY(${keys.map((k) => k.key)}::text[]) AND "windowStartsAt" > now() - make_interval(mins => ${minutes})`;
  const over = rows.filter((row) => row.failures >= keys.find((k) => k.key === row.key)!.max);
  return over.length ? Math.max(1, ...over.map((row) => row.minutesLeft)) : 0;
}

/** The attempt succeeded: an email starts afresh; an address gets back the one attempt it spent. */
export async function forgive(keys: ThrottleKey[]): Promise<void> {
  const emails = keys.filter((k) => k.key.startsWith("email:")).map((k) => k.key);
  const others = keys.filter((k) => !k.key.startsWith("email:")).map((k) => k.key);
  await db().$executeRaw`
    WITH cleared AS (DELETE FROM "Throttle" WHERE key = ANY(${emails}::text[]))
    UPDATE "Throttle" SET failures = greatest(failures - 1, 0) WHERE key = ANY(${others}::text[])`;
}
