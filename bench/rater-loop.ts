// The rater loop's benchmark (target from the issue):
//   B-rate-1  The rater loop over HTTP with 32 concurrent simulated raters at p95 under 50 ms; the
//             same at 128 raters; throughput at no less than a quarter of the same SQL run
//             straight through `pg`.
// Simulated raters judge as fast as the server answers (a closed loop, no think time): each
// POST /api/rate/:slug/judgments records one judgment and carries the rater's next pair.
import { randomUUID } from "node:crypto";
import { encode, decode } from "next-auth/jwt";
import pg from "pg";
import { LOCK_OWN_ASSIGNMENT_SQL, type LockedAssignment } from "@/lib/assign/lock-own-assignment";
import { candidateSql, nextAssignment, ON_SCREEN_SQL, RATER_PROGRESS_SQL, raterProgress } from "@/lib/assign/next-assignment";
import { pickTargetSide, verdictFor, type Choice } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { studyForRater } from "@/lib/studies/rater-access";
import { seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { inBatches, makeRaters, signInOverHttp } from "@/lib/testing/http-raters";
import { buildSnapshot, noBuildRow, startApp, startBareServer, type App } from "./app-server";
import { countCpu, type CpuGroups } from "./cpu";
import { promptText, responseText } from "./generate";
import { count, type BenchContext, type BenchRow } from "./report";

/** The study: 2,000 prompts × 2 baselines = 4,000 pairs, k = 5: room for 20,000 judgments. */
const PROMPTS = 2_000;
const BASELINES = ["Alpaca 65B", "GPT-4"];
const K = 5;
const WARMUP_MS = 3_000;
const MEASURE_MS = 20_000;
const P95_TARGET_MS = 50;
const RATIO_TARGET = 0.25;
/** The app's pool: @prisma/adapter-pg makes a pg.Pool with pg's default size. */
const APP_POOL_SIZE = 10;
/** One rater at a time (no queueing), each way: steps timed, after some not counted. */
const ALONE_STEPS = 40;
const ALONE_WARMUP_STEPS = 5;

const CHOICES: Choice[] = ["left", "right", "neither"];

// ─── Data ────────────────────────────────────────────────────────────────────────────────────

/**
 * A study made by the app's own seeding code, its texts then replaced by the bench generator's
 * (prompts of 80–600 characters, answers of 300–1,500 with lists and code), so that each answer
 * carries what a real pair weighs (about 2.5 KB of JSON).
 */
export async function seedLoopStudy(pool: pg.Pool, prompts = PROMPTS, k = K): Promise<SeededStudy> {
  const study = await seedStudy({
    prompts: Array.from({ length: prompts }, (_, i) => ({ text: promptText(i + 1) })),
    baselines: BASELINES,
    judgmentsPerPair: k,
  });
  const { rows } = await pool.query<{ id: string; n: number; m: number }>(
    `SELECT r.id, p.position AS n, s.position AS m
       FROM "Response" r JOIN "Prompt" p ON p.id = r."promptId" JOIN "System" s ON s.id = r."systemId"
      WHERE p."studyId" = $1`,
    [study.id],
  );
  await pool.query(`UPDATE "Response" r SET text = v.text FROM unnest($1::text[], $2::text[]) AS v(id, text) WHERE r.id = v.id`, [
    rows.map((row) => row.id),
    rows.map((row) => responseText(row.n, row.m)),
  ]);
  await pool.query(`ANALYZE "Response", "Pair", "Assignment", "Judgment"`);
  if (study.pairs !== prompts * BASELINES.length) throw new Error(`Seeded ${study.pairs} pairs, expected ${prompts * BASELINES.length}`);
  return study;
}

// ─── The closed loop ─────────────────────────────────────────────────────────────────────────

interface LoopResult {
  raters: number;
  /** Latency of each step completed in the measured window, ms. */
  latencies: number[];
  /** Judgments recorded by steps completed in the measured window. */
  judgments: number;
  windowMs: number;
  /** Judgments acknowledged as recorded over the whole round (warm-up and tail included). */
  acknowledged: number;
  errors: Map<string, number>;
  ranOut: number;
  /** CPU used in the measured window, ms, by the app server, Postgres and the bench process. */
  cpu: CpuGroups;
}

type StepOutcome = { recorded: boolean; next: string | null } | { error: string };

/**
 * Every rater loops from the same start: steps completed in the first `warmupMs` are not counted;
 * then for `measureMs`, each completed step's latency is kept. A rater stops at the end of the
 * window (its step in flight finishes), when it runs out of pairs, or after an error.
 */
async function closedLoop(
  firstAssignments: (string | null)[],
  step: (rater: number, assignmentId: string, n: number) => Promise<StepOutcome>,
  warmupMs: number,
  measureMs: number,
  appPid?: number,
): Promise<LoopResult> {
  const result: LoopResult = { raters: firstAssignments.length, latencies: [], judgments: 0, windowMs: measureMs, acknowledged: 0, errors: new Map(), ranOut: 0, cpu: {} };
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + measureMs;
  let cpuSince: (() => CpuGroups) | undefined;
  const cpuTimers = [
    setTimeout(() => (cpuSince = countCpu(appPid)), warmupMs),
    setTimeout(() => (result.cpu = cpuSince?.() ?? {}), warmupMs + measureMs),
  ];
  await Promise.all(
    firstAssignments.map(async (first, rater) => {
      let assignmentId = first;
      for (let n = 0; performance.now() < end; n++) {
        if (!assignmentId) {
          result.ranOut += 1;
          return;
        }
        const t0 = performance.now();
        const outcome = await step(rater, assignmentId, n);
        const t1 = performance.now();
        if ("error" in outcome) {
          result.errors.set(outcome.error, (result.errors.get(outcome.error) ?? 0) + 1);
          return;
        }
        if (outcome.recorded) result.acknowledged += 1;
        if (t1 >= measureFrom && t1 <= end) {
          result.latencies.push(t1 - t0);
          if (outcome.recorded) result.judgments += 1;
        }
        assignmentId = outcome.next;
      }
    }),
  );
  cpuTimers.forEach(clearTimeout);
  return result;
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const rate = (result: LoopResult) => (result.judgments / result.windowMs) * 1000;
const perSec = (value: number) => `${value.toFixed(0)} judgments/s`;
const latencySummary = (result: LoopResult) =>
  `p50 ${ms(percentile(result.latencies, 50))}, p95 ${ms(percentile(result.latencies, 95))}, p99 ${ms(percentile(result.latencies, 99))}`;

/** CPU per judgment in the measured window, by process group. */
function cpuPerJudgment(result: LoopResult): string {
  const groups = Object.entries(result.cpu).filter(([, used]) => used !== undefined);
  if (!groups.length || !result.judgments) return "";
  return `CPU per judgment: ${groups.map(([group, used]) => `${group} ${ms(used! / result.judgments)}`).join(", ")}`;
}

function describe(result: LoopResult): string {
  const problems = [...result.errors].map(([error, times]) => `${times}× ${error}`);
  if (result.ranOut) problems.push(`${result.ranOut} raters ran out of pairs`);
  const cpu = cpuPerJudgment(result);
  return (
    `${count(result.judgments)} judgments in ${(result.windowMs / 1000).toFixed(0)} s: ${perSec(rate(result))}, ${latencySummary(result)}` +
    (cpu ? `; ${cpu}` : "") +
    (problems.length ? ` (${problems.join("; ")})` : "")
  );
}

// ─── Over HTTP ───────────────────────────────────────────────────────────────────────────────

interface ApiStep {
  outcome?: "recorded" | "already_recorded";
  pair: { assignmentId: string } | null;
  error?: string;
}

/**
 * `raters` fresh raters sign in (not timed), take their first pair with GET /next, then judge in
 * a closed loop. Node's fetch keeps its connections alive: one per rater in flight.
 */
async function httpRound(app: App, study: SeededStudy, raters: number, warmupMs: number, measureMs: number, log: BenchContext["log"]) {
  const people = await makeRaters(raters, `http${raters}`);
  const cookies = await inBatches(people, 8, (person) => signInOverHttp(app.origin, person.email));
  const base = `${app.origin}/api/rate/${study.slug}`;
  const first = await inBatches(cookies, 16, async (cookie) => {
    const response = await fetch(`${base}/next`, { headers: { cookie } });
    const body = (await response.json()) as ApiStep;
    if (!response.ok) throw new Error(`GET /next answered ${response.status}: ${body.error}`);
    return body.pair?.assignmentId ?? null;
  });
  const result = await closedLoop(
    first,
    async (rater, assignmentId, n) => {
      const response = await fetch(`${base}/judgments`, {
        method: "POST",
        headers: { cookie: cookies[rater], "content-type": "application/json" },
        body: JSON.stringify({ assignmentId, choice: CHOICES[(rater + n) % 3] }),
      });
      const body = (await response.json()) as ApiStep;
      if (response.status !== 200) return { error: `${response.status} ${body.error ?? ""}`.trim() };
      return { recorded: body.outcome === "recorded", next: body.pair?.assignmentId ?? null };
    },
    warmupMs,
    measureMs,
    app.pid,
  );
  log(`B-rate-1 HTTP, ${raters} rater${raters === 1 ? "" : "s"}: ${describe(result)}`);
  return result;
}

// ─── The floors ──────────────────────────────────────────────────────────────────────────────
// What 32 clients in the same closed loop get from a server that does almost nothing: the bare
// server (node:http, one pg query by primary key per POST) is the machine's floor; the app's own
// GET /api/health (a Next.js route handler, one Prisma `SELECT 1`, no session) is the stack's.
// A rater's step can be no faster than either.

async function floorRound(server: App, request: RequestInit & { path: string }, clients: number) {
  const { path, ...init } = request;
  return closedLoop(
    Array.from({ length: clients }, () => "none"),
    async () => {
      const response = await fetch(`${server.origin}${path}`, init);
      await response.json();
      return response.ok ? { recorded: true, next: "none" } : { error: `${response.status}` };
    },
    WARMUP_MS,
    MEASURE_MS,
    server.pid,
  );
}

const describeFloor = (result: LoopResult) =>
  `${(rate(result)).toFixed(0)} requests/s, ${latencySummary(result)}; ${cpuPerJudgment(result).replace("judgment", "request")}`;

// ─── The same SQL through pg ─────────────────────────────────────────────────────────────────
// Every statement one POST /judgments sends to Postgres, in the same order and transactions,
// copied from lib/ (raw SQL as written there; what Prisma generates for its model calls, as
// logged by Prisma's query log): auth's user lookup (lib/auth.ts currentUser), the study as the rater may see it (studyForRater),
// submitJudgment (lockOwnAssignment, the judgment, the assignment marked done), then nextStep
// (rulesOf, resume, tryClaim, onScreen, raterProgress). Same pool size as the app's.
// The lock, candidate, pair-texts and progress queries are lib's own strings.

const LIVE = `(a.status = 'done' OR (a.status = 'active' AND a."leaseExpiresAt" > now()))`;

const SQL = {
  currentUser: `SELECT "public"."User"."id", "public"."User"."email", "public"."User"."name", "public"."User"."role"::text, "public"."User"."disabledAt", "public"."User"."participantId" FROM "public"."User" WHERE ("public"."User"."id" = $1 AND 1=1) LIMIT $2 OFFSET $3`,
  // lib/studies/rater-access.ts studyForRater: Prisma's findFirst, written out.
  findStudy: `SELECT s.id, s.slug, s.title, s."raterTitle", s.description, s.instructions, s.status::text, s.kind::text, s."judgmentsPerPair", s."rationaleMode"::text
                FROM "Study" s
               WHERE s.slug = $1 AND s.status = 'open'
                 AND (s."openToAllRaters" OR EXISTS (SELECT 1 FROM "StudyRater" r WHERE r."studyId" = s.id AND r."raterId" = $2))
               LIMIT 1`,
  lockOwnAssignment: LOCK_OWN_ASSIGNMENT_SQL,
  insertJudgment: `INSERT INTO "public"."Judgment" ("id","assignmentId","studyId","pairId","raterId","choice","verdict","targetSide","rationale","goldCorrect","timeOnTaskMs","createdAt") VALUES ($1,$2,$3,$4,$5,CAST($6::text AS "public"."Choice"),CAST($7::text AS "public"."Verdict"),CAST($8::text AS "public"."Side"),$9,$10,$11,$12) RETURNING "public"."Judgment"."id", "public"."Judgment"."assignmentId", "public"."Judgment"."studyId", "public"."Judgment"."pairId", "public"."Judgment"."raterId", "public"."Judgment"."choice"::text, "public"."Judgment"."verdict"::text, "public"."Judgment"."targetSide"::text, "public"."Judgment"."rationale", "public"."Judgment"."goldCorrect", "public"."Judgment"."timeOnTaskMs", "public"."Judgment"."createdAt"`,
  markDone: `UPDATE "public"."Assignment" SET "status" = CAST($1::text AS "public"."AssignmentStatus") WHERE ("public"."Assignment"."id" = $2 AND 1=1) RETURNING "public"."Assignment"."id", "public"."Assignment"."pairId", "public"."Assignment"."raterId", "public"."Assignment"."targetSide"::text, "public"."Assignment"."status"::text, "public"."Assignment"."skipReason", "public"."Assignment"."leaseExpiresAt", "public"."Assignment"."shownAt", "public"."Assignment"."createdAt"`,
  // lib/assign/next-assignment.ts from here on
  rulesOf: `SELECT "public"."Study"."id", "public"."Study"."judgmentsPerPair", "public"."Study"."leaseSeconds", "public"."Study"."promptOncePerRater", "public"."Study"."goldRate", "public"."Study"."quotaPerRater" FROM "public"."Study" WHERE ("public"."Study"."id" = $1 AND 1=1) LIMIT $2 OFFSET $3`,
  resume: `
    SELECT a.id, a."pairId", a."leaseExpiresAt" <= now() AS expired
      FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
     WHERE a."raterId" = $1 AND a.status = 'active' AND p."studyId" = $2
     ORDER BY a."createdAt" DESC
     LIMIT 1
     FOR UPDATE OF p, a`,
  renewLease: `
    UPDATE "Assignment" SET "leaseExpiresAt" = now() + make_interval(secs => $1)
     WHERE id = $2`,
  raterHistory: `
    SELECT count(*) FILTER (WHERE p."goldVerdict" IS NOT NULL AND a.status IN ('active', 'done'))::int AS gold,
           count(*) FILTER (WHERE a.status IN ('active', 'done'))::int AS pairs,
           count(*) FILTER (WHERE a."targetSide" = 'left')::int AS left,
           count(*) FILTER (WHERE a."targetSide" = 'right')::int AS right
      FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
     WHERE a."raterId" = $1 AND p."studyId" = $2`,
  lockCandidate: candidateSql,
  pairIsFull: `SELECT p."goldVerdict" IS NULL
            AND (SELECT count(*) FROM "Assignment" a WHERE a."pairId" = p.id AND a.id <> $2 AND ${LIVE}) >= $3 AS full
       FROM "Pair" p WHERE p.id = $1`,
  insertAssignment: `
      INSERT INTO "Assignment" (id, "pairId", "raterId", "targetSide", status, "leaseExpiresAt")
      VALUES (gen_random_uuid()::text, $1, $2, $3::"Side", 'active',
              now() + make_interval(secs => $4))
      RETURNING id`,
  onScreen: ON_SCREEN_SQL,
  raterProgress: RATER_PROGRESS_SQL,
};

/** Phase names of one step, for "where the time goes". */
type Phase = "user" | "study" | "submit" | "rules" | "resume" | "claim" | "candidate" | "screen" | "progress";
type PhaseClock = (phase: Phase, ms: number) => void;

/** One step of the loop as the app runs it, on the same pool size, each statement as the app sends it. */
class RawRater {
  constructor(
    private readonly pool: pg.Pool,
    private readonly raterId: string,
    private readonly slug: string,
    private readonly clock: PhaseClock = () => {},
  ) {}

  private async timed<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.clock(phase, performance.now() - start);
    }
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }

  /** What withRole and openStudyForRating read before every request. */
  private async authAndStudy() {
    const [user] = (await this.timed("user", () => this.pool.query(SQL.currentUser, [this.raterId, 1, 0]))).rows;
    if (!user || user.role !== "rater") throw new Error("not a rater");
    const [study] = (await this.timed("study", () => this.pool.query(SQL.findStudy, [this.slug, this.raterId]))).rows as { id: string; status: string }[];
    if (!study) throw new Error("study not open to this rater");
    return study.id;
  }

  /** GET /next */
  async first(): Promise<string | null> {
    return this.nextStep(await this.authAndStudy());
  }

  /** POST /judgments: the judgment, then the next pair. */
  async judge(assignmentId: string, choice: Choice): Promise<{ recorded: boolean; next: string | null }> {
    const studyId = await this.authAndStudy();
    const recorded = await this.timed("submit", () =>
      this.transaction(async (tx) => {
        const [a] = (await tx.query<LockedAssignment>(SQL.lockOwnAssignment, [assignmentId, this.raterId, this.slug])).rows;
        if (!a) throw new Error("not_found");
        if (a.status === "done") return false;
        if (a.status !== "active" || a.expired) throw new Error("lapsed: not expected in this benchmark");
        const verdict = verdictFor(choice, a.targetSide);
        await tx.query(SQL.insertJudgment, [
          randomUUID(),
          a.id,
          a.studyId,
          a.pairId,
          this.raterId,
          choice,
          verdict,
          a.targetSide,
          null,
          a.goldVerdict === null ? null : a.goldVerdict === verdict,
          Math.max(0, a.elapsedMs),
          new Date(),
        ]);
        await tx.query(SQL.markDone, ["done", a.id]);
        return true;
      }),
    );
    return { recorded, next: await this.nextStep(studyId) };
  }

  private async nextStep(studyId: string): Promise<string | null> {
    const [rules] = (await this.timed("rules", () => this.pool.query(SQL.rulesOf, [studyId, 1, 0]))).rows as {
      judgmentsPerPair: number;
      leaseSeconds: number;
      promptOncePerRater: boolean;
      goldRate: number;
    }[];
    const resumed = await this.timed("resume", () =>
      this.transaction(async (tx) => {
        const [open] = (await tx.query(SQL.resume, [this.raterId, studyId])).rows as { id: string; expired: boolean }[];
        if (!open) return undefined;
        if (open.expired) throw new Error("expired lease: not expected in this benchmark");
        await tx.query(SQL.renewLease, [rules.leaseSeconds, open.id]);
        return open.id;
      }),
    );
    const assignmentId = resumed ?? (await this.timed("claim", () => this.claim(studyId, rules)));
    if (assignmentId) await this.timed("screen", () => this.onScreen(assignmentId));
    await this.timed("progress", () => this.pool.query(SQL.raterProgress, [studyId, this.raterId]));
    return assignmentId ?? null;
  }

  private async claim(studyId: string, rules: { judgmentsPerPair: number; leaseSeconds: number; promptOncePerRater: boolean; goldRate: number }) {
    for (;;) {
      const attempt = await this.transaction(async (tx) => {
        const [history] = (await tx.query(SQL.raterHistory, [this.raterId, studyId])).rows as { gold: number; pairs: number; left: number; right: number }[];
        const find = async (gold: boolean) => {
          const args = [studyId, this.raterId, rules.judgmentsPerPair, rules.promptOncePerRater, gold];
          const start = performance.now();
          let id = (await tx.query<{ id: string }>(SQL.lockCandidate(false), args)).rows[0]?.id;
          id ??= (await tx.query<{ id: string }>(SQL.lockCandidate(true), args)).rows[0]?.id;
          this.clock("candidate", performance.now() - start);
          return id;
        };
        // The benchmark's studies have no gold pairs, so lib's gold outlook (goldIsDue) sends nothing.
        if (rules.goldRate > 0) throw new Error("This copy of the claim knows no gold pairs: the benchmark's study must have none.");
        const pairId = await find(false);
        if (!pairId) return "none left" as const;
        const [{ full }] = (await tx.query<{ full: boolean }>(SQL.pairIsFull, [pairId, "", rules.judgmentsPerPair])).rows;
        if (full) return "filled meanwhile" as const;
        const targetSide = pickTargetSide(history.left, history.right);
        const [created] = (await tx.query<{ id: string }>(SQL.insertAssignment, [pairId, this.raterId, targetSide, rules.leaseSeconds])).rows;
        return { assignmentId: created.id };
      });
      if (attempt === "none left") return undefined;
      if (attempt !== "filled meanwhile") return attempt.assignmentId;
    }
  }

  private async onScreen(assignmentId: string) {
    const [row] = (await this.pool.query(SQL.onScreen, [assignmentId])).rows;
    return { assignmentId, prompt: row.promptText as string, texts: [row.targetText as string, row.baselineText as string] };
  }
}

async function rawRound(pool: pg.Pool, study: SeededStudy, raters: number, log: BenchContext["log"]) {
  const people = await makeRaters(raters, `raw${raters}`);
  const loopers = people.map((person) => new RawRater(pool, person.id, study.slug));
  const first = await Promise.all(loopers.map((rater) => rater.first()));
  const result = await closedLoop(
    first,
    async (rater, assignmentId, n) => {
      try {
        return await loopers[rater].judge(assignmentId, CHOICES[(rater + n) % 3]);
      } catch (error) {
        return { error: (error as Error).message };
      }
    },
    WARMUP_MS,
    MEASURE_MS,
  );
  log(`B-rate-1 same SQL via pg (pool of ${APP_POOL_SIZE}), ${raters} raters: ${describe(result)}`);
  return result;
}

// ─── Where the time goes ─────────────────────────────────────────────────────────────────────

const PHASE_LABELS: Record<Phase, string> = {
  user: "session user",
  study: "study",
  submit: "submit tx",
  rules: "rules",
  resume: "resume tx",
  claim: "claim tx",
  candidate: "candidate query",
  screen: "pair texts",
  progress: "progress",
};

/**
 * One rater at a time, no queueing: three raters take turns, step by step, so that other work on
 * the machine weighs on all three alike: one over HTTP, one through the app's own library code in
 * this process (lib/ and Prisma, phase by phase), one through pg with the same SQL (statement
 * group by statement group). Also the session cookie's decoding, which the proxy and
 * getServerSession each do once a request.
 */
async function oneAtATime(app: App, pool: pg.Pool, study: SeededStudy, log: BenchContext["log"]) {
  const [viaHttp, viaLib, viaPg] = await makeRaters(3, "alone");
  const lib = new Map<string, number[]>();
  const raw = new Map<Phase | "total", number[]>();
  const http: number[] = [];
  const add = <Key>(map: Map<Key, number[]>, key: Key, value: number) => map.set(key, [...(map.get(key) ?? []), value]);
  const time = async <T>(phase: string, work: () => Promise<T>) => {
    const start = performance.now();
    const result = await work();
    add(lib, phase, performance.now() - start);
    return result;
  };
  const secret = "a bench secret of at least thirty-two characters";
  const token = await encode({ token: { sub: viaLib.id, email: viaLib.email }, secret });
  const cookie = await signInOverHttp(app.origin, viaHttp.email);
  const base = `${app.origin}/api/rate/${study.slug}`;
  let httpPair = ((await (await fetch(`${base}/next`, { headers: { cookie } })).json()) as ApiStep).pair;
  let libPair = await nextAssignment(study.id, viaLib.id);
  const rater = new RawRater(pool, viaPg.id, study.slug, (phase, value) => add(raw, phase, value));
  let rawPair = await rater.first();
  raw.clear();
  let acknowledged = 0;
  for (let n = 0; n < ALONE_STEPS + ALONE_WARMUP_STEPS && httpPair && libPair && rawPair; n++) {
    if (n === ALONE_WARMUP_STEPS) [lib, raw].forEach((map) => map.clear());
    const choice = CHOICES[n % 3];
    // Over HTTP.
    let start = performance.now();
    const response = await fetch(`${base}/judgments`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ assignmentId: httpPair.assignmentId, choice }),
    });
    const body = (await response.json()) as ApiStep;
    if (response.status !== 200) throw new Error(`POST /judgments answered ${response.status}: ${body.error}`);
    if (n >= ALONE_WARMUP_STEPS) http.push(performance.now() - start);
    if (body.outcome === "recorded") acknowledged += 1;
    httpPair = body.pair;
    // Through lib/ and Prisma: what the route handler calls, in order.
    start = performance.now();
    await time("session cookie (JWE decode)", () => decode({ token, secret }));
    await time("session user", () =>
      db().user.findUnique({ where: { id: viaLib.id }, select: { id: true, email: true, name: true, role: true, disabledAt: true, participantId: true } }),
    );
    await time("study", () => studyForRater(study.slug, { id: viaLib.id, participant: false }));
    const outcome = await time("submit tx", () => submitJudgment(viaLib.id, study.slug, { assignmentId: libPair!.assignmentId, choice }));
    if (outcome === "recorded") acknowledged += 1;
    libPair = await time("next pair (resume, claim, texts)", () => nextAssignment(study.id, viaLib.id));
    await time("progress", () => raterProgress(study.id, viaLib.id));
    add(lib, "total", performance.now() - start);
    // Through pg, the same SQL.
    start = performance.now();
    const step = await rater.judge(rawPair, choice);
    if (step.recorded) acknowledged += 1;
    rawPair = step.next;
    add(raw, "total", performance.now() - start);
  }

  const median = (values: number[]) => percentile(values, 50);
  const libLine = [...lib].filter(([name]) => name !== "total").map(([name, values]) => `${name} ${ms(median(values))}`);
  const rawLine = (Object.keys(PHASE_LABELS) as Phase[]).filter((phase) => raw.has(phase)).map((phase) => `${PHASE_LABELS[phase]} ${ms(median(raw.get(phase)!))}`);
  log(`B-rate-1 one rater at a time, ${http.length} steps each (after ${ALONE_WARMUP_STEPS} not counted), medians:`);
  log(`  over HTTP: p50 ${ms(median(http))}, p95 ${ms(percentile(http, 95))}, p99 ${ms(percentile(http, 99))}`);
  log(`  lib/Prisma in this process: ${libLine.join(", ")}; total ${ms(median(lib.get("total")!))}`);
  log(`  same SQL via pg: ${rawLine.join(", ")}; total ${ms(median(raw.get("total")!))}`);
  return {
    acknowledged,
    http,
    libTotal: median(lib.get("total")!),
    rawTotal: median(raw.get("total")!),
    candidate: median(raw.get("candidate") ?? [NaN]),
    progress: median(raw.get("progress")!),
    session: median(lib.get("session cookie (JWE decode)")!),
  };
}

// ─── Checks ──────────────────────────────────────────────────────────────────────────────────

/**
 * The protocol's rules after a round, in SQL: nothing beyond k, nothing twice, nothing lost
 * (`acknowledged`: judgments answered "recorded" in the study so far).
 */
async function check(pool: pg.Pool, study: SeededStudy, acknowledged: number): Promise<string[]> {
  const one = async (sql: string) => Number((await pool.query<{ n: string }>(sql, [study.id])).rows[0].n);
  const problems: string[] = [];
  const overJudged = await one(`SELECT count(*) AS n FROM (SELECT j."pairId" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
                                 WHERE p."studyId" = $1 GROUP BY j."pairId" HAVING count(*) > ${K}) over`);
  const overLive = await one(`SELECT count(*) AS n FROM (SELECT a."pairId" FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
                               WHERE p."studyId" = $1 AND ${LIVE} GROUP BY a."pairId" HAVING count(*) > ${K}) over`);
  const twiceJudged = await one(`SELECT count(*) AS n FROM (SELECT j."raterId", j."pairId" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
                                 WHERE p."studyId" = $1 GROUP BY 1, 2 HAVING count(*) > 1) twice`);
  const twiceAssigned = await one(`SELECT count(*) AS n FROM (SELECT a."raterId", a."pairId" FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
                                   WHERE p."studyId" = $1 GROUP BY 1, 2 HAVING count(*) > 1) twice`);
  const judgments = await one(`SELECT count(*) AS n FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."studyId" = $1`);
  if (overJudged) problems.push(`${overJudged} pairs with more than k = ${K} judgments`);
  if (overLive) problems.push(`${overLive} pairs with more than k = ${K} live assignments`);
  if (twiceJudged) problems.push(`${twiceJudged} rater-pair judged twice`);
  if (twiceAssigned) problems.push(`${twiceAssigned} rater-pair assigned twice`);
  if (judgments !== acknowledged) problems.push(`${judgments} judgments stored, ${acknowledged} acknowledged`);
  return problems;
}

// ─── The benchmark ───────────────────────────────────────────────────────────────────────────

export async function raterLoopBenchmarks(context: BenchContext): Promise<BenchRow[]> {
  const title = "B-rate-1 rater loop over HTTP";
  const snapshot = await buildSnapshot(context.dir, context.log);
  if (!snapshot) return [noBuildRow(title)];
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: APP_POOL_SIZE });
  const checks: string[] = [];
  let checked = 0;
  let judged = 0;
  try {
    // One study for every round: a step's cost grows with the study's pairs, not with how many
    // are judged, and the rounds together judge about half of its 20,000 places.
    const seeding = performance.now();
    const study = await seedLoopStudy(pool);
    context.log(`B-rate-1: a study of ${count(PROMPTS)} prompts × ${BASELINES.length} baselines (${count(study.pairs)} pairs, k = ${K}) seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const checkRound = async (what: string, acknowledged: number, result?: LoopResult) => {
      judged += acknowledged;
      checked += 1;
      for (const problem of await check(pool, study, judged)) checks.push(`after ${what}: ${problem}`);
      if (result && (result.errors.size || result.ranOut)) checks.push(`${what}: ${describe(result)}`);
    };

    // The pg baseline before and after the HTTP rounds; the faster counts, so the ratio errs against HTTP.
    const rawRuns = [await rawRound(pool, study, 32, context.log)];
    await checkRound("pg, 32 raters", rawRuns[0].acknowledged, rawRuns[0]);

    const bare = await startBareServer(study.id);
    let bareFloor: LoopResult;
    try {
      bareFloor = await floorRound(bare, { path: "/", method: "POST", body: JSON.stringify({ choice: "left" }) }, 32);
    } finally {
      await bare.stop();
    }
    context.log(`B-rate-1 floor, bare node:http + one pg query, 32 clients: ${describeFloor(bareFloor)}`);

    const app = await startApp(snapshot, context.log);
    let alone: Awaited<ReturnType<typeof oneAtATime>>, at32: LoopResult, at128: LoopResult, stackFloor: LoopResult;
    try {
      stackFloor = await floorRound(app, { path: "/api/health" }, 32);
      context.log(`B-rate-1 floor, the app's GET /api/health (Next.js + one Prisma SELECT 1), 32 clients: ${describeFloor(stackFloor)}`);
      alone = await oneAtATime(app, pool, study, context.log);
      await checkRound("one rater at a time", alone.acknowledged);
      at32 = await httpRound(app, study, 32, WARMUP_MS, MEASURE_MS, context.log);
      await checkRound("HTTP, 32 raters", at32.acknowledged, at32);
      at128 = await httpRound(app, study, 128, WARMUP_MS, MEASURE_MS, context.log);
      await checkRound("HTTP, 128 raters", at128.acknowledged, at128);
    } finally {
      await app.stop();
    }
    rawRuns.push(await rawRound(pool, study, 32, context.log));
    await checkRound("pg again, 32 raters", rawRuns[1].acknowledged, rawRuns[1]);
    const raw = rate(rawRuns[0]) >= rate(rawRuns[1]) ? rawRuns[0] : rawRuns[1];

    const rawRate = rate(raw);
    const rawP95 = percentile(raw.latencies, 95);
    const p95 = (result: LoopResult) => percentile(result.latencies, 95);
    return [
      {
        benchmark: "B-rate-1 latency: POST judgment + next pair over HTTP, 32 raters in a closed loop (20 s)",
        measured: latencySummary(at32),
        baseline: `same SQL via pg: p95 ${ms(rawP95)}; the app's /api/health: p95 ${ms(p95(stackFloor))}`,
        ratio: "",
        target: `p95 < ${P95_TARGET_MS} ms`,
        pass: p95(at32) < P95_TARGET_MS,
      },
      {
        benchmark: "B-rate-1 the floors, 32 clients in the same closed loop (20 s): the app's GET /api/health (Next.js route, one Prisma SELECT 1, no session)",
        measured: describeFloor(stackFloor),
        baseline: `bare node:http + one pg query: ${describeFloor(bareFloor)}`,
        ratio: (percentile(stackFloor.latencies, 95) / percentile(bareFloor.latencies, 95)).toFixed(1),
        target: `p95 < ${P95_TARGET_MS} ms is reachable only if the floor's p95 is`,
        pass: null,
      },
      {
        benchmark: "B-rate-1 throughput: 32 raters over HTTP vs the same SQL via pg (pool of 10), 32 raters (faster of 2 runs)",
        measured: [perSec(rate(at32)), cpuPerJudgment(at32)].filter(Boolean).join("; "),
        baseline: [perSec(rawRate), cpuPerJudgment(raw)].filter(Boolean).join("; "),
        ratio: (rate(at32) / rawRate).toFixed(2),
        target: `≥ ${RATIO_TARGET.toFixed(2)}`,
        pass: rate(at32) / rawRate >= RATIO_TARGET,
      },
      {
        benchmark: "B-rate-1 at 128 raters (later target): latency and throughput over HTTP",
        measured: `${latencySummary(at128)}; ${perSec(rate(at128))}`,
        baseline: `pg, 32 raters: ${perSec(rawRate)}`,
        ratio: (rate(at128) / rawRate).toFixed(2),
        target: `p95 < ${P95_TARGET_MS} ms, ≥ ${RATIO_TARGET.toFixed(2)}`,
        pass: null,
      },
      {
        benchmark: `B-rate-1 one rater at a time (no queueing), ${ALONE_STEPS} steps over HTTP, through lib/Prisma in process, through pg, in turns`,
        measured: `HTTP p50 ${ms(percentile(alone.http, 50))}, p95 ${ms(percentile(alone.http, 95))}`,
        baseline: `lib/Prisma ${ms(alone.libTotal)}, pg ${ms(alone.rawTotal)} (medians)`,
        ratio: "",
        target: "",
        pass: null,
      },
      {
        benchmark: "B-rate-1 where one step's time goes: one rater, pg, medians (ratio: candidate + progress queries' share of the step)",
        measured: `candidate ${ms(alone.candidate)}, progress ${ms(alone.progress)}, JWE decode ${ms(alone.session)}`,
        baseline: `whole step via pg ${ms(alone.rawTotal)}`,
        ratio: ((alone.candidate + alone.progress) / alone.rawTotal).toFixed(2),
        target: "",
        pass: null,
      },
      {
        benchmark: `B-rate-1 correctness after each of ${checked} rounds (SQL): ≤ k judgments and live assignments per pair, no pair twice to a rater, every acknowledged judgment stored`,
        measured: checks.length ? checks.join("; ") : `all hold (${count(judged)} judgments)`,
        baseline: "",
        ratio: "",
        target: "all hold",
        pass: checks.length === 0,
      },
    ];
  } finally {
    await pool.end();
  }
}
