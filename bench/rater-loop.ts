// The rater loop's benchmark (targets from the issues):
//   B-rate-1  The rater loop over HTTP: throughput at 32 raters in a closed loop at least half of
//             the app's /api/health floor and a quarter of the same SQL straight through `pg`;
//             latency as users meet it, an open loop of judgments arriving at random at 100 per
//             second, p95 under 50 ms; Postgres CPU per judgment at most 3 ms, the app's at most
//             6 ms.
//   B-rate-3  Size does not matter: the same rounds in a study of 200,000 pairs, seeded in bulk,
//             at least 0.8 of the throughput of a study of 2,000 pairs, and at most 1.3 times its
//             Postgres CPU per judgment.
// Each POST /api/rate/:slug/judgments records one judgment and carries the rater's next pair.
import { encode, decode } from "next-auth/jwt";
import pg from "pg";
import { nextAssignment, nextPair, raterProgress as libRaterProgress, type StepPart } from "@/lib/assign/next-assignment";
import type { Choice } from "@/lib/assign/policy";
import { rulesFrom, type StudyRules } from "@/lib/assign/rules";
import { LIVE, raterProgress } from "@/lib/assign/statements";
import { databaseUrl } from "@/lib/env";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { pgDatabase, type Database } from "@/lib/sql";
import { readStudyForRater, studyForRater } from "@/lib/studies/rater-access";
import { readSessionUser, sessionUser } from "@/lib/users/session-user";
import { buildPairs } from "@/lib/studies/build-pairs";
import { seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { inBatches, makeRaters, signInOverHttp } from "@/lib/testing/http-raters";
import { buildSnapshot, noBuildRow, startApp, startBareServer, type App } from "./app-server";
import { countCpu, type CpuGroups } from "./cpu";
import { promptText, responseText } from "./generate";
import { seededRandom } from "@/lib/random";
import { count, type BenchContext, type BenchRow } from "./report";

/** The small study: 1,000 prompts × 2 baselines = 2,000 pairs, k = 10: room for 20,000 judgments. */
const PROMPTS = 1_000;
/** The large one: 100,000 prompts, 200,000 pairs, the same rules. */
const LARGE_PROMPTS = 100_000;
const BASELINES = ["Alpaca 65B", "GPT-4"];
const K = 10;
const WARMUP_MS = 3_000;
const MEASURE_MS = 20_000;
const P95_TARGET_MS = 50;
const RATIO_TARGET = 0.25;
const FLOOR_RATIO_TARGET = 0.5;
/** Judgments a second arriving at random in the open loop: about 6,000 raters judging a pair a minute. */
const OPEN_LOOP_RATE = 100;
/** Raters signed in for the open loop; an arrival takes one that is not waiting for an answer. */
const OPEN_LOOP_RATERS = 64;
const SIZE_THROUGHPUT_TARGET = 0.8;
const SIZE_CPU_TARGET = 1.3;
const POSTGRES_CPU_TARGET_MS = 3;
const APP_CPU_TARGET_MS = 6;
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

/** Distinct texts the large study's prompts and answers cycle through, so that its pairs weigh what the small one's do. */
const TEXTS = 2_000;

/**
 * A study of `prompts` prompts seeded in bulk: the study and its systems by the app's seeding
 * code, the prompts and answers by SQL (texts from the bench generator, cycled), the pairs by
 * the app's own buildPairs, whose triggers count them as an import's would.
 */
export async function seedLargeStudy(pool: pg.Pool, prompts = LARGE_PROMPTS, k = K): Promise<SeededStudy> {
  const study = await seedStudy({ prompts: 0, baselines: BASELINES, judgmentsPerPair: k });
  const asked = Array.from({ length: TEXTS }, (_, i) => promptText(i + 1));
  const answered = Array.from({ length: TEXTS * (BASELINES.length + 1) }, (_, i) => responseText((i % TEXTS) + 1, Math.floor(i / TEXTS)));
  await pool.query(
    `INSERT INTO "Prompt" (id, "studyId", "externalId", text, position)
     SELECT $1 || '-p' || n, $1, 'p' || n, ($2::text[])[1 + n % ${TEXTS}], n FROM generate_series(1, ${prompts}) n`,
    [study.id, asked],
  );
  await pool.query(
    `INSERT INTO "Response" (id, "promptId", "systemId", text)
     SELECT $1 || '-r' || n || '-' || s.position, $1 || '-p' || n, s.id, ($2::text[])[1 + n % ${TEXTS} + s.position * ${TEXTS}]
       FROM generate_series(1, ${prompts}) n CROSS JOIN "System" s WHERE s."studyId" = $1`,
    [study.id, answered],
  );
  const pairs = await buildPairs(study.id);
  await pool.query(`ANALYZE "Prompt", "Response", "Pair", "Assignment", "Judgment"`);
  if (pairs !== prompts * BASELINES.length) throw new Error(`Seeded ${pairs} pairs, expected ${prompts * BASELINES.length}`);
  return { ...study, pairs };
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

// ─── The open loop ───────────────────────────────────────────────────────────────────────────

/**
 * Judgments as users send them: arriving at random (a Poisson process at `perSecond`, gaps drawn
 * from a seeded exponential), each sent by one of `raters` signed-in raters not waiting for an
 * answer. A judgment's latency runs from when it was due, not from when it could be sent, so a
 * server falling behind shows in the figures (no coordinated omission); an arrival that finds
 * every rater waiting is counted as such and sent when one is free.
 */
async function openLoop(app: App, study: SeededStudy, perSecond: number, raters: number, log: BenchContext["log"], label: string) {
  const people = await makeRaters(raters, `open${study.pairs}`);
  const cookies = await inBatches(people, 8, (person) => signInOverHttp(app.origin, person.email));
  const base = `${app.origin}/api/rate/${study.slug}`;
  const current = await inBatches(cookies, 16, async (cookie) => ((await (await fetch(`${base}/next`, { headers: { cookie } })).json()) as ApiStep).pair?.assignmentId ?? null);
  const idle = current.map((_, i) => i).filter((i) => current[i]);
  const waiting: (() => void)[] = [];
  const result: LoopResult = { raters, latencies: [], judgments: 0, windowMs: MEASURE_MS, acknowledged: 0, errors: new Map(), ranOut: 0, cpu: {} };
  let allBusy = 0;
  const random = seededRandom(perSecond * 7919 + raters);
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const end = measureFrom + MEASURE_MS;
  let cpuSince: (() => CpuGroups) | undefined;
  const cpuTimers = [setTimeout(() => (cpuSince = countCpu(app.pid)), WARMUP_MS), setTimeout(() => (result.cpu = cpuSince?.() ?? {}), WARMUP_MS + MEASURE_MS)];
  const free = async () => {
    if (!idle.length) allBusy += 1;
    while (!idle.length && current.some(Boolean)) await new Promise<void>((resolve) => waiting.push(resolve));
    return idle.pop();
  };
  const send = async (due: number, n: number) => {
    const rater = await free();
    if (rater === undefined) return;
    try {
      const response = await fetch(`${base}/judgments`, {
        method: "POST",
        headers: { cookie: cookies[rater], "content-type": "application/json" },
        body: JSON.stringify({ assignmentId: current[rater], choice: CHOICES[(rater + n) % 3] }),
      });
      const body = (await response.json()) as ApiStep;
      const done = performance.now();
      if (response.status !== 200) {
        const error = `${response.status} ${body.error ?? ""}`.trim();
        result.errors.set(error, (result.errors.get(error) ?? 0) + 1);
        return;
      }
      if (body.outcome === "recorded") result.acknowledged += 1;
      if (due >= measureFrom && due <= end) {
        result.latencies.push(done - due);
        if (body.outcome === "recorded") result.judgments += 1;
      }
      current[rater] = body.pair?.assignmentId ?? null;
      if (!current[rater]) result.ranOut += 1;
    } finally {
      if (current[rater]) idle.push(rater);
      waiting.shift()?.();
    }
  };
  const sent: Promise<void>[] = [];
  for (let due = start, n = 0; due < end; n++) {
    due += (-Math.log(1 - random()) / perSecond) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(send(due, n));
  }
  await Promise.all(sent);
  cpuTimers.forEach(clearTimeout);
  const arrived = result.latencies.length;
  log(`B-rate-1 open loop, ${perSecond}/s at random, ${label}: ${arrived} arrivals in ${(MEASURE_MS / 1000).toFixed(0)} s (${(arrived / (MEASURE_MS / 1000)).toFixed(0)}/s), ${latencySummary(result)}; ${cpuPerJudgment(result)}; every rater waiting at ${allBusy} arrivals`);
  return { ...result, allBusy };
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
// straight through pg on a pool of the app's size: the same lib code the route handler runs
// (the session's user, the study as the rater may see it with its rules, the judgment's
// transaction, the next pair and the progress), given this pool instead of the app's. What is
// left out is what only the app does: HTTP, Next.js and the session cookie.

/** Parts of one step, for "where the time goes". */
type Phase = "user" | "study" | "submit" | StepPart | "progress";
type PhaseClock = (phase: Phase, ms: number) => void;

/** One step of the loop as the app runs it, on the same pool size, each statement as the app sends it. */
class RawRater {
  private readonly database: Database;

  constructor(
    pool: pg.Pool,
    private readonly raterId: string,
    private readonly slug: string,
    private readonly clock: PhaseClock = () => {},
  ) {
    this.database = pgDatabase(pool);
  }

  private readonly timed = async <T>(phase: Phase, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.clock(phase, performance.now() - start);
    }
  };

  /** What withRole and requireStudyForRater read before every request. */
  private async authAndStudy(): Promise<StudyRules> {
    const user = await this.timed("user", () => readSessionUser(this.database, this.raterId));
    if (!user || user.role !== "rater") throw new Error("not a rater");
    const study = await this.timed("study", () => readStudyForRater(this.database, this.slug, { id: this.raterId, participant: false }));
    if (!study) throw new Error("study not open to this rater");
    return study;
  }

  /** GET /next */
  async first(): Promise<string | null> {
    return this.nextStep(await this.authAndStudy());
  }

  /** POST /judgments: the judgment, then the next pair. */
  async judge(assignmentId: string, choice: Choice): Promise<{ recorded: boolean; next: string | null }> {
    const study = await this.authAndStudy();
    const recorded = (await this.timed("submit", () => submitJudgment(this.raterId, this.slug, { assignmentId, choice }, this.database))) === "recorded";
    return { recorded, next: await this.nextStep(study) };
  }

  /** lib/assign/rater-loop.ts nextStep, on pg. */
  private async nextStep(study: StudyRules): Promise<string | null> {
    const rules = rulesFrom(study);
    const pair = await nextPair(this.database, rules, this.raterId, this.timed);
    await this.timed("progress", () => raterProgress(this.database, rules, this.raterId));
    return pair?.assignmentId ?? null;
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
  resume: "resume tx",
  claim: "claim tx",
  candidate: "candidate query",
  screen: "pair texts",
  progress: "progress",
};

/**
 * One rater at a time, no queueing: three raters take turns, step by step, so that other work on
 * the machine weighs on all three alike: one over HTTP, one through the app's own library code in
 * this process on the app's pool (phase by phase), one through the bench's own pg pool with the
 * same code (statement group by statement group). Also the session cookie's decoding, which the
 * proxy and getServerSession each do once a request.
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
    // Through lib/ on the app's pool: what the route handler calls, in order, the study read once.
    start = performance.now();
    {
      await time("session cookie (JWE decode)", () => decode({ token, secret }));
      await time("session user", () => sessionUser(viaLib.id));
      const rated = await time("study", () => studyForRater(study.slug, { id: viaLib.id, participant: false }));
      if (!rated) throw new Error("The study is not open to the rater");
      const outcome = await time("submit tx", () => submitJudgment(viaLib.id, study.slug, { assignmentId: libPair!.assignmentId, choice }));
      if (outcome === "recorded") acknowledged += 1;
      libPair = await time("next pair (resume, claim, texts)", () => nextAssignment(rated, viaLib.id));
      await time("progress", () => libRaterProgress(rated, viaLib.id));
    }
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
  log(`  lib in this process: ${libLine.join(", ")}; total ${ms(median(lib.get("total")!))}`);
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

/** CPU per judgment of one process group in a round, ms; NaN where it could not be read. */
const cpuOf = (result: LoopResult, group: keyof CpuGroups) => (result.cpu[group] ?? NaN) / result.judgments;

export async function raterLoopBenchmarks(context: BenchContext): Promise<BenchRow[]> {
  const title = "B-rate-1 rater loop over HTTP";
  const snapshot = await buildSnapshot(context.dir, context.log);
  if (!snapshot) return [noBuildRow(title)];
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: APP_POOL_SIZE });
  const checks: string[] = [];
  let checked = 0;
  const judged = new Map<string, number>();
  try {
    const seeding = performance.now();
    const small = await seedLoopStudy(pool);
    context.log(`B-rate-1: a study of ${count(PROMPTS)} prompts × ${BASELINES.length} baselines (${count(small.pairs)} pairs, k = ${K}) seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const seedingLarge = performance.now();
    const large = await seedLargeStudy(pool);
    context.log(`B-rate-3: a study of ${count(LARGE_PROMPTS)} prompts × ${BASELINES.length} baselines (${count(large.pairs)} pairs, k = ${K}) seeded in bulk in ${((performance.now() - seedingLarge) / 1000).toFixed(1)} s`);
    const checkRound = async (what: string, study: SeededStudy, acknowledged: number, result?: LoopResult) => {
      judged.set(study.id, (judged.get(study.id) ?? 0) + acknowledged);
      checked += 1;
      for (const problem of await check(pool, study, judged.get(study.id)!)) checks.push(`after ${what}: ${problem}`);
      if (result && (result.errors.size || result.ranOut)) checks.push(`${what}: ${describe(result)}`);
    };

    // The pg baseline before and after the HTTP rounds; the faster counts, so the ratio errs against HTTP.
    const rawRuns = [await rawRound(pool, small, 32, context.log)];
    await checkRound("pg, 32 raters", small, rawRuns[0].acknowledged, rawRuns[0]);

    const bare = await startBareServer(small.id);
    let bareFloor: LoopResult;
    try {
      bareFloor = await floorRound(bare, { path: "/", method: "POST", body: JSON.stringify({ choice: "left" }) }, 32);
    } finally {
      await bare.stop();
    }
    context.log(`B-rate-1 floor, bare node:http + one pg query, 32 clients: ${describeFloor(bareFloor)}`);

    const app = await startApp(snapshot, context.log);
    let alone: Awaited<ReturnType<typeof oneAtATime>>, at32: LoopResult, at128: LoopResult, stackFloor: LoopResult, large32: LoopResult;
    let open: Awaited<ReturnType<typeof openLoop>>, largeOpen: Awaited<ReturnType<typeof openLoop>>;
    try {
      stackFloor = await floorRound(app, { path: "/api/health" }, 32);
      context.log(`B-rate-1 floor, the app's GET /api/health (Next.js + one Prisma SELECT 1), 32 clients: ${describeFloor(stackFloor)}`);
      alone = await oneAtATime(app, pool, small, context.log);
      await checkRound("one rater at a time", small, alone.acknowledged);
      at32 = await httpRound(app, small, 32, WARMUP_MS, MEASURE_MS, context.log);
      await checkRound("HTTP, 32 raters", small, at32.acknowledged, at32);
      large32 = await httpRound(app, large, 32, WARMUP_MS, MEASURE_MS, context.log);
      await checkRound("HTTP, 32 raters, 200,000 pairs", large, large32.acknowledged, large32);
      open = await openLoop(app, small, OPEN_LOOP_RATE, OPEN_LOOP_RATERS, context.log, `${count(small.pairs)} pairs`);
      await checkRound("open loop", small, open.acknowledged, open);
      largeOpen = await openLoop(app, large, OPEN_LOOP_RATE, OPEN_LOOP_RATERS, context.log, `${count(large.pairs)} pairs`);
      await checkRound("open loop, 200,000 pairs", large, largeOpen.acknowledged, largeOpen);
      at128 = await httpRound(app, small, 128, WARMUP_MS, MEASURE_MS, context.log);
      await checkRound("HTTP, 128 raters", small, at128.acknowledged, at128);
    } finally {
      await app.stop();
    }
    rawRuns.push(await rawRound(pool, small, 32, context.log));
    await checkRound("pg again, 32 raters", small, rawRuns[1].acknowledged, rawRuns[1]);
    const raw = rate(rawRuns[0]) >= rate(rawRuns[1]) ? rawRuns[0] : rawRuns[1];

    const rawRate = rate(raw);
    const p95 = (result: LoopResult) => percentile(result.latencies, 95);
    const sizeRatio = rate(large32) / rate(at32);
    const sizeCpu = cpuOf(large32, "postgres") / cpuOf(at32, "postgres");
    const postgresCpu = Math.max(cpuOf(at32, "postgres"), cpuOf(large32, "postgres"));
    const appCpu = Math.max(cpuOf(at32, "app"), cpuOf(large32, "app"));
    const openRow = (result: typeof open, study: SeededStudy): BenchRow => ({
      benchmark: `B-rate-1 latency as users meet it: judgments arriving at random (Poisson) at ${OPEN_LOOP_RATE}/s over HTTP, ${count(study.pairs)} pairs (20 s; from when each was due)`,
      measured: `${latencySummary(result)}; ${(result.latencies.length / (MEASURE_MS / 1000)).toFixed(0)} arrivals/s`,
      baseline: `${cpuPerJudgment(result)}; every rater waiting at ${result.allBusy} arrivals`,
      ratio: "",
      target: `p95 < ${P95_TARGET_MS} ms`,
      pass: p95(result) < P95_TARGET_MS,
    });
    // At one judgment a minute a rater asks for a sixtieth of a judgment a second: a core gives
    // 1,000 ms of CPU a second, so it serves 60,000 ÷ (CPU ms per judgment) raters.
    const perCore = (ms: number) => count(Math.floor(60_000 / ms));
    return [
      openRow(open, small),
      openRow(largeOpen, large),
      {
        benchmark: "B-rate-1 throughput: 32 raters over HTTP in a closed loop vs the app's GET /api/health floor, 32 clients",
        measured: [perSec(rate(at32)), cpuPerJudgment(at32)].filter(Boolean).join("; "),
        baseline: describeFloor(stackFloor),
        ratio: (rate(at32) / rate(stackFloor)).toFixed(2),
        target: `≥ ${FLOOR_RATIO_TARGET.toFixed(2)}`,
        pass: rate(at32) / rate(stackFloor) >= FLOOR_RATIO_TARGET,
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
        benchmark: `B-rate-1 CPU per judgment, 32 raters over HTTP: Postgres and the app, the larger of ${count(small.pairs)} and ${count(large.pairs)} pairs`,
        measured: `postgres ${ms(postgresCpu)}, app ${ms(appCpu)}`,
        baseline: `${count(small.pairs)} pairs: ${cpuPerJudgment(at32)}; ${count(large.pairs)}: ${cpuPerJudgment(large32)}`,
        ratio: "",
        target: `postgres ≤ ${POSTGRES_CPU_TARGET_MS} ms, app ≤ ${APP_CPU_TARGET_MS} ms`,
        pass: postgresCpu <= POSTGRES_CPU_TARGET_MS && appCpu <= APP_CPU_TARGET_MS,
      },
      {
        benchmark: `B-rate-3 size does not matter: 32 raters over HTTP, ${count(large.pairs)} pairs vs ${count(small.pairs)} (ratio: throughput; Postgres CPU per judgment beside it)`,
        measured: `${perSec(rate(large32))}; ${cpuPerJudgment(large32)}`,
        baseline: `${perSec(rate(at32))}; ${cpuPerJudgment(at32)}`,
        ratio: `${sizeRatio.toFixed(2)}; CPU ${sizeCpu.toFixed(2)}`,
        target: `≥ ${SIZE_THROUGHPUT_TARGET}; CPU ≤ ${SIZE_CPU_TARGET}`,
        pass: sizeRatio >= SIZE_THROUGHPUT_TARGET && sizeCpu <= SIZE_CPU_TARGET,
      },
      {
        benchmark: `B-rate-1 capacity at one judgment a minute per rater, from the open loop's CPU per judgment (${count(large.pairs)} pairs)`,
        measured: `raters per app process (one core) ${perCore(cpuOf(largeOpen, "app"))}; per Postgres core ${perCore(cpuOf(largeOpen, "postgres"))}`,
        baseline: cpuPerJudgment(largeOpen),
        ratio: "",
        target: "",
        pass: null,
      },
      {
        benchmark: "B-rate-1 at 128 raters in a closed loop: latency and throughput over HTTP",
        measured: `${latencySummary(at128)}; ${perSec(rate(at128))}`,
        baseline: `pg, 32 raters: ${perSec(rawRate)}`,
        ratio: (rate(at128) / rawRate).toFixed(2),
        target: "",
        pass: null,
      },
      {
        benchmark: "B-rate-1 the floors, 32 clients in the same closed loop (20 s): the app's GET /api/health (Next.js route, one Prisma SELECT 1, no session)",
        measured: describeFloor(stackFloor),
        baseline: `bare node:http + one pg query: ${describeFloor(bareFloor)}`,
        ratio: (rate(stackFloor) / rate(bareFloor)).toFixed(2),
        target: "",
        pass: null,
      },
      {
        benchmark: `B-rate-1 one rater at a time (no queueing), ${ALONE_STEPS} steps over HTTP, through lib in process, through the bench's pg pool, in turns`,
        measured: `HTTP p50 ${ms(percentile(alone.http, 50))}, p95 ${ms(percentile(alone.http, 95))}`,
        baseline: `lib ${ms(alone.libTotal)}, pg ${ms(alone.rawTotal)} (medians)`,
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
        measured: checks.length ? checks.join("; ") : `all hold (${count([...judged.values()].reduce((a, b) => a + b, 0))} judgments)`,
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
