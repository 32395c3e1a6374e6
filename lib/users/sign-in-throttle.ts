// Slows down password guessing: an email with MAX_FAILURES failed sign-ins within WINDOW_MS is
// locked for LOCK_MS, during which even the right password is refused. Counted in Postgres, so
// every app process behind a load balancer shares the count. One statement per failure keeps two
// failures at once from both starting a new window.
import "server-only";
import { db } from "@/lib/db";

export const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;

/** Minutes left of the email's lock (rounded up), or 0 when it may try. */
export async function lockedMinutes(email: string): Promise<number> {
  const row = await db().signInThrottle.findUnique({ where: { email }, select: { lockedUntil: true } });
  const left = row?.lockedUntil ? row.lockedUntil.getTime() - Date.now() : 0;
  return left > 0 ? Math.ceil(left / 60_000) : 0;
}

export async function recordFailure(email: string): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "SignInThrottle" (email, failures, "windowStartsAt") VALUES (${email}, 1, now())
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE WHEN "SignInThrottle"."windowStartsAt" < now() - ${WINDOW_MS} * interval '1 millisecond' THEN 1 ELSE "SignInThrottle".failures + 1 END,
      "windowStartsAt" = CASE WHEN "SignInThrottle"."windowStartsAt" < now() - ${WINDOW_MS} * interval '1 millisecond' THEN now() ELSE "SignInThrottle"."windowStartsAt" END,
      "lockedUntil" = CASE WHEN "SignInThrottle"."windowStartsAt" >= now() - ${WINDOW_MS} * interval '1 millisecond' AND "SignInThrottle".failures + 1 >= ${MAX_FAILURES}
                           THEN now() + ${LOCK_MS} * interval '1 millisecond' ELSE "SignInThrottle"."lockedUntil" END`;
}

export async function clearFailures(email: string): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { email } });
}
