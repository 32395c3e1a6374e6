// Raters as an HTTP client sees them, for the benchmarks and the hardening suite: accounts made
// in bulk, signed in through next-auth's own endpoints, and a small concurrency limiter.
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";

export const RATER_PASSWORD = "correct horse battery";

/**
 * `n` new raters. Their password hash has bcrypt cost 4 instead of the app's 12: signing in is not
 * measured, and at cost 12 each sign-in costs the server about 0.35 s of CPU (a minute for the
 * 160 raters of a run). Verification reads the cost from the hash, so sign-in works as usual.
 */
export async function makeRaters(n: number, tag: string): Promise<{ id: string; email: string }[]> {
  const passwordHash = await bcrypt.hash(RATER_PASSWORD, 4);
  const suffix = randomBytes(3).toString("hex");
  return db().user.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({ email: `rater-${tag}-${suffix}-${i + 1}@load.test`, role: "rater" as const, passwordHash })),
    select: { id: true, email: true },
  });
}

/** The cookies a response sets, as name → value. */
function setCookies(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return cookies;
}

/**
 * Signs in through next-auth's credentials callback, as a crowd integration would: the CSRF
 * token (and its cookie), then the form post. Returns the Cookie header of the signed-in session.
 */
export async function signInOverHttp(origin: string, email: string, password = RATER_PASSWORD): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = setCookies(csrf);
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const signIn = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  await signIn.arrayBuffer();
  for (const [name, value] of setCookies(signIn)) jar.set(name, value);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    throw new Error(`Signing in ${email} failed: ${signIn.status}`);
  }
  return header();
}

/** Runs `work` over `items`, at most `limit` at a time. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}
