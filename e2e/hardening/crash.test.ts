// R2: one of two app processes is killed with SIGKILL in the middle of the load, as an
// out-of-memory kill would, and started again. Every acknowledged judgment must be in the
// database; raters whose page died with their server leave, and the pairs leased to them must
// be handed out again once their leases expire, so that the study still fills exactly.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { studyCounts } from "./invariants";
import { runRaters, signedInRaters } from "./raters";
import { startStack, type Stack } from "./stack";

const RATERS = 60;
const PROMPTS = 300;
const K = 3;
const LEASE_SECONDS = 5;
/** Acknowledged judgments before the kill. */
const KILL_AT = 400;
/** How long the load balancer keeps sending to a dead process before its health check drops it. */
const DETECTION_MS = 1_000;

let stack: Stack;
let study: SeededStudy;

beforeAll(async () => {
  stack = await startStack({ apps: 2 });
  study = await seedStudy({ prompts: PROMPTS, baselines: ["Alpaca 65B", "GPT-4"], judgmentsPerPair: K, leaseSeconds: LEASE_SECONDS, openToAllRaters: true });
});

afterAll(async () => {
  await stack?.close();
});

it("kill -9 of one process loses nothing acknowledged, and its raters' leases expire and are handed out again", async () => {
  const cookies = await signedInRaters(stack.apps[0].origin, RATERS, "crash");
  const [survivor, victim] = stack.apps;
  let live = [survivor.origin, victim.origin];
  let replacement: Promise<string> | undefined;

  const record = await runRaters({
    origins: () => live,
    slug: study.slug,
    cookies,
    // Half the raters whose request died with the process close the page and never come back.
    leavesOnFailure: (rater) => rater % 2 === 0,
    onAcknowledged: (total) => {
      if (total !== KILL_AT) return;
      replacement = (async () => {
        await victim.kill();
        await new Promise((resolve) => setTimeout(resolve, DETECTION_MS));
        live = [survivor.origin];
        const restarted = await stack.startApp();
        live = [survivor.origin, restarted.origin];
        return restarted.origin;
      })();
    },
  });
  const restartedOrigin = await replacement!;

  expect(record.serverErrors).toEqual([]);
  expect(record.unanswered).toBeGreaterThan(0);
  const counts = await studyCounts(study.id, record.acknowledged);
  expect(counts).toMatchObject({ judgedTwice: 0, overK: 0, lost: 0, full: PROMPTS * 2, judgments: PROMPTS * 2 * K });

  // Some raters left with a pair leased and unjudged; those leases ran out and were marked
  // expired when their pairs were handed to other raters, who judged them (the study is full).
  const abandoned = await db().assignment.findMany({
    where: { id: { in: record.abandoned }, status: { not: "done" } },
    select: { status: true, leaseExpiresAt: true },
  });
  console.log(`R2: ${record.acknowledged.length} acknowledged, ${record.unanswered} requests unanswered, ${record.abandoned.length} raters left, ${abandoned.length} of them with their pair unjudged`);
  expect(abandoned.length).toBeGreaterThan(0);
  for (const lease of abandoned) {
    expect(lease.status).toBe("expired");
    expect(lease.leaseExpiresAt.getTime()).toBeLessThan(Date.now());
  }
  expect(stack.apps[0].output()).not.toContain("uncaughtException");

  // The restarted process serves raters again.
  const next = await fetch(`${restartedOrigin}/api/rate/${study.slug}/next`, { headers: { cookie: cookies[1] } });
  expect(next.status).toBe(200);
  expect(await next.json()).toMatchObject({ pair: null });
});
