// Simulated raters for the load, crash and restart tests: each takes a pair through the JSON API
// and judges it at once, over and over, sending each request to the next app process in turn as a
// round-robin load balancer would. What the server acknowledged is kept, so that the tests can
// look for every acknowledged judgment in the database afterwards.
import { inBatches, makeRaters, signInOverHttp } from "@/lib/testing/http-raters";

export interface LoadRecord {
  /** Assignment ids whose judgment the server acknowledged (recorded or already recorded). */
  acknowledged: string[];
  /** Responses by status. */
  statuses: Map<number, number>;
  /** Each 5xx other than 503, with its body. */
  serverErrors: string[];
  /** Bodies of the 503 answers. */
  unavailable: string[];
  /** Requests that got no answer at all (a process gone). */
  unanswered: number;
  /** Raters who left with a pair still leased to them, and its assignment. */
  abandoned: string[];
}

export interface RaterRun {
  /** The app origins, read at each request: a test may swap a process out mid-run. */
  origins: () => string[];
  slug: string;
  cookies: string[];
  /**
   * Whether rater `rater` walks away after a request of theirs got no answer (the page closed
   * when its server died), leaving their lease to expire.
   */
  leavesOnFailure?: (rater: number) => boolean;
  /** Called after each acknowledged judgment, with the running total. */
  onAcknowledged?: (total: number) => void;
}

const CHOICES = ["left", "right", "neither"] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function signedInRaters(origin: string, count: number, tag: string): Promise<string[]> {
  const people = await makeRaters(count, tag);
  return inBatches(people, 8, (person) => signInOverHttp(origin, person.email));
}

interface Answer {
  status: number;
  body: { outcome?: string; pair?: { assignmentId: string } | null; error?: string };
}

/** Every rater judges until no pair is left for them (or they leave). */
export async function runRaters(run: RaterRun): Promise<LoadRecord> {
  const record: LoadRecord = { acknowledged: [], statuses: new Map(), serverErrors: [], unavailable: [], unanswered: 0, abandoned: [] };
  let turn = 0;

  async function send(path: string, cookie: string, body?: object): Promise<Answer | undefined> {
    const origins = run.origins();
    const origin = origins[turn++ % origins.length];
    try {
      const response = await fetch(`${origin}/api/rate/${run.slug}/${path}`, {
        method: body ? "POST" : "GET",
        headers: { cookie, "content-type": "application/json" },
        body: body && JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      record.statuses.set(response.status, (record.statuses.get(response.status) ?? 0) + 1);
      if (response.status === 503) record.unavailable.push(text);
      else if (response.status >= 500) record.serverErrors.push(`${response.status} ${path}: ${text.slice(0, 300)}`);
      return { status: response.status, body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : {} };
    } catch {
      record.unanswered += 1;
      return undefined;
    }
  }

  await Promise.all(
    run.cookies.map(async (cookie, rater) => {
      let assignmentId: string | null | undefined;
      // A rater that gets nothing but refusals is a broken test, not a slow server.
      let failures = 0;
      const failed = (answer: Answer | undefined) => {
        if (++failures > 200) throw new Error(`Rater ${rater} failed 200 times in a row; last: ${answer ? `${answer.status} ${answer.body.error}` : "no answer"}`);
      };
      for (let n = 0; ; n++) {
        if (assignmentId === undefined) {
          const answer = await send("next", cookie);
          if (answer?.status !== 200) {
            failed(answer);
            await sleep(answer ? 500 : 200);
            continue;
          }
          assignmentId = answer.body.pair?.assignmentId ?? null;
        }
        if (assignmentId === null) return;
        const answer = await send("judgments", cookie, { assignmentId, choice: CHOICES[(rater + n) % 3] });
        if (!answer) {
          if (run.leavesOnFailure?.(rater)) {
            record.abandoned.push(assignmentId);
            return;
          }
          failed(answer);
          await sleep(200);
          continue;
        }
        if (answer.status === 200) {
          failures = 0;
          record.acknowledged.push(assignmentId);
          run.onAcknowledged?.(record.acknowledged.length);
          assignmentId = answer.body.pair?.assignmentId ?? null;
        } else if (answer.status >= 500) {
          failed(answer);
          await sleep(500);
        } else {
          failed(answer);
          // The lease ran out or the pair was taken back: ask for the next one.
          assignmentId = undefined;
        }
      }
    }),
  );
  return record;
}
