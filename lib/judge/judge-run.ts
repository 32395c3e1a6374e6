// Running an LLM judge over a study's pairs, in the background of an app process. Every pair is
// judged in both orders (the target as answer A, then as answer B) to cancel position bias. Each
// answer is stored as soon as it arrives, so a run that stops (cancelled, or its process killed)
// loses at most the calls in flight; whichever process finds the run's heartbeat stale takes it
// over and asks only for what has no current answer. A run started again first marks the judge's
// answers superseded (kept in the history, out of every figure), so it asks every pair afresh.
// Pairs a researcher removed from the study are never asked.
import "server-only";
import { verdictFor } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Side } from "@/lib/generated/prisma/enums";
import { complete, JudgeCallError, type CallOptions } from "@/lib/judge/chat-completions";
import { fillJudgePrompt } from "@/lib/judge/judge-prompt";
import { parseVerdict } from "@/lib/judge/parse-verdict";

export interface RunOptions {
  /** How often the running process says it is alive. */
  heartbeatMs?: number;
  call?: CallOptions;
  /** Stops the run as a dying process would: nothing more is stored, the run stays "running". */
  signal?: AbortSignal;
}

const HEARTBEAT_MS = 5_000;
/** A run unheard of for this long has lost its process. */
export const STALE_AFTER_MS = 30_000;

export interface OpenedRun {
  runId: string;
  /** The judge's answers the run superseded when it began (a run started again), else 0. */
  superseded: number;
}

/**
 * Opens a run of the judge inside `tx`, which has locked the judge's row: refused while one runs
 * (the database refuses a second one too). A run started `again` asks every pair afresh: the
 * judge's current answers are marked superseded in the same transaction, so they leave the
 * figures at once and stay in the history.
 */
export async function openRun(tx: Prisma.TransactionClient, judgeId: string, again = false): Promise<OpenedRun> {
  if (await tx.judgeRun.count({ where: { judgeId, status: "running" } })) throw new AppError("conflict", ALREADY_RUNNING);
  const { id: runId } = await tx.judgeRun.create({ data: { judgeId }, select: { id: true } });
  const superseded = again
    ? await tx.$executeRaw`UPDATE "JudgeVerdict" SET "supersededAt" = now() WHERE "judgeId" = ${judgeId} AND "supersededAt" IS NULL`
    : 0;
  return { runId, superseded };
}

const ALREADY_RUNNING = "This judge is already running; cancel it first or wait for it to finish.";

/** Locks a judge's row for the rest of `tx`, so that starting a run, changing and deleting the judge take turns. */
export async function lockJudge(tx: Prisma.TransactionClient, judgeId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Judge" WHERE id = ${judgeId} FOR UPDATE`;
}

/** Starts a run of the judge (`again`: of every pair afresh); the database refuses a second one while one runs. */
export async function startJudgeRun(judgeId: string, again = false): Promise<string> {
  try {
    return (
      await db().$transaction(async (tx) => {
        await lockJudge(tx, judgeId);
        return openRun(tx, judgeId, again);
      })
    ).runId;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("conflict", ALREADY_RUNNING);
    throw error;
  }
}

export async function requestCancel(runId: string): Promise<void> {
  await db().judgeRun.updateMany({ where: { id: runId, status: "running" }, data: { cancelRequested: true } });
}

interface WorkItem {
  pairId: string;
  targetSide: Side;
  prompt: string;
  targetText: string;
  baselineText: string;
}

/**
 * Every (pair, order) of the study with no current answer: never asked, asked and failed for good,
 * or asked by an earlier run that a run started again superseded. Pairs a researcher removed from
 * the study are not asked.
 */
function workFor(judgeId: string) {
  return db().$queryRaw<WorkItem[]>`
    SELECT p.id AS "pairId", side."targetSide", pr.text AS prompt, t.text AS "targetText", b.text AS "baselineText"
      FROM "Judge" jg
      JOIN "Pair" p ON p."studyId" = jg."studyId" AND p."baselineResponseId" IS NOT NULL AND p."removedAt" IS NULL
      JOIN "Prompt" pr ON pr.id = p."promptId"
      JOIN "Response" t ON t.id = p."targetResponseId"
      JOIN "Response" b ON b.id = p."baselineResponseId"
      CROSS JOIN (VALUES ('left'::"Side"), ('right'::"Side")) AS side("targetSide")
     WHERE jg.id = ${judgeId}
       AND NOT EXISTS (SELECT 1 FROM "JudgeVerdict" v
                        WHERE v."judgeId" = jg.id AND v."pairId" = p.id AND v."targetSide" = side."targetSide"
                          AND v."supersededAt" IS NULL AND v.answer IS NOT NULL)
     ORDER BY pr.position, p.id, side."targetSide"`;
}

async function store(runId: string, judgeId: string, item: WorkItem, outcome: { answer: string | null; choice: ReturnType<typeof parseVerdict> | null; problem?: string; attempts: number; promptTokens?: number; completionTokens?: number }) {
  const read = outcome.choice && "choice" in outcome.choice ? outcome.choice.choice : null;
  const problem = read ? null : (outcome.problem ?? (outcome.choice && "unparseable" in outcome.choice ? `unparseable: ${outcome.choice.unparseable}` : "no answer"));
  const verdict = read ? verdictFor(read, item.targetSide) : null;
  await db().$transaction([
    // The current answer of this (pair, order), replacing a failed call's row of the same run or
    // an earlier one; superseded answers are never touched.
    db().$executeRaw`
      INSERT INTO "JudgeVerdict" (id, "judgeId", "pairId", "targetSide", choice, verdict, problem, answer, "runId", attempts, "promptTokens", "completionTokens")
      VALUES (gen_random_uuid()::text, ${judgeId}, ${item.pairId}, ${item.targetSide}::"Side", ${read}::"Choice", ${verdict}::"Verdict", ${problem},
              ${outcome.answer}, ${runId}, ${outcome.attempts}, ${outcome.promptTokens ?? null}::int, ${outcome.completionTokens ?? null}::int)
      ON CONFLICT ("judgeId", "pairId", "targetSide") WHERE "supersededAt" IS NULL
      DO UPDATE SET choice = EXCLUDED.choice, verdict = EXCLUDED.verdict, problem = EXCLUDED.problem, answer = EXCLUDED.answer, "runId" = EXCLUDED."runId",
                    attempts = EXCLUDED.attempts, "promptTokens" = EXCLUDED."promptTokens", "completionTokens" = EXCLUDED."completionTokens"`,
    db().judgeRun.update({
      where: { id: runId },
      data: { calls: { increment: outcome.attempts }, promptTokens: { increment: outcome.promptTokens ?? 0 }, completionTokens: { increment: outcome.completionTokens ?? 0 } },
    }),
  ]);
}

/**
 * Runs (or goes on with) a run until every (pair, order) has an answer, the run is cancelled, or
 * the endpoint refuses the requests themselves (a wrong key, say: the run fails with its reason).
 */
export async function runJudge(runId: string, options: RunOptions = {}): Promise<void> {
  const run = await db().judgeRun.findUniqueOrThrow({ where: { id: runId }, include: { judge: { include: { study: { select: { instructions: true } } } } } });
  if (run.status !== "running") return;
  const { judge } = run;
  const { baseUrl, model, apiKey, prompt: template } = judge;
  if (!baseUrl || !model || !apiKey || !template) {
    await db().judgeRun.update({ where: { id: runId }, data: { status: "failed", error: "This judge's verdicts were imported: it has no endpoint to call.", finishedAt: new Date() } });
    return;
  }
  const endpoint = { baseUrl, model, apiKey };
  const sampling = { temperature: judge.temperature ?? undefined, topP: judge.topP ?? undefined, maxTokens: judge.maxTokens ?? undefined };
  const queue = await workFor(judge.id);

  // In flight calls end at once when the run is cancelled or the process "dies".
  const stop = new AbortController();
  options.signal?.addEventListener("abort", () => stop.abort(options.signal!.reason), { once: true });
  let ending: { status: "cancelled" | "failed"; error?: string } | undefined;
  const beat = async () => {
    // The database's clock, as takeOverStaleRuns reads it, whatever the app machines' clocks say.
    const [row] = await db().$queryRaw<{ cancelRequested: boolean }[]>`
      UPDATE "JudgeRun" SET "heartbeatAt" = now() WHERE id = ${runId} RETURNING "cancelRequested"`;
    if (row?.cancelRequested && !ending) {
      ending = { status: "cancelled" };
      stop.abort(new Error("cancelled"));
    }
  };
  const heartbeat = setInterval(() => void beat().catch(() => {}), options.heartbeatMs ?? HEARTBEAT_MS);

  const worker = async () => {
    for (let item = queue.shift(); item && !stop.signal.aborted; item = queue.shift()) {
      const [answerA, answerB] = item.targetSide === "left" ? [item.targetText, item.baselineText] : [item.baselineText, item.targetText];
      const content = fillJudgePrompt(template, { instructions: run.judge.study.instructions, prompt: item.prompt, answerA, answerB });
      try {
        const completion = await complete(endpoint, [{ role: "user", content }], sampling, { ...options.call, signal: stop.signal });
        if (stop.signal.aborted) return;
        await store(runId, judge.id, item, {
          answer: completion.content,
          choice: parseVerdict(completion.content),
          attempts: completion.attempts,
          promptTokens: completion.usage?.promptTokens,
          completionTokens: completion.usage?.completionTokens,
        });
      } catch (error) {
        if (stop.signal.aborted) return;
        if (!(error instanceof JudgeCallError)) throw error;
        await store(runId, judge.id, item, { answer: null, choice: null, problem: `call failed: ${error.message}`, attempts: error.attempts });
        // A refused request (a wrong key or model) would be refused for every pair.
        if (!error.retryable && !ending) {
          ending = { status: "failed", error: error.message };
          stop.abort(new Error(error.message));
        }
      }
    }
  };

  try {
    await beat();
    await Promise.all(Array.from({ length: Math.max(1, judge.concurrency) }, worker));
  } finally {
    clearInterval(heartbeat);
  }
  // A process that "died" leaves the run as it was, for another to take over.
  if (options.signal?.aborted) return;
  await db().judgeRun.update({
    where: { id: runId },
    data: { status: ending?.status ?? "done", error: ending?.error ?? null, finishedAt: new Date() },
  });
}

/**
 * Runs whose process stopped saying it is alive, taken over by this one (the heartbeat is moved
 * in the same statement, so two processes cannot both take one). Returns their ids.
 */
export async function takeOverStaleRuns(staleAfterMs = STALE_AFTER_MS): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    UPDATE "JudgeRun" SET "heartbeatAt" = now()
     WHERE status = 'running' AND "heartbeatAt" < now() - make_interval(secs => ${staleAfterMs / 1000})
     RETURNING id`;
  return rows.map((row) => row.id);
}

/**
 * Every app process looks for runs whose process died, at half the staleness, and goes on with
 * them: a run started on a process that was killed finishes on another, or on the same one when
 * it comes back.
 */
export function keepTakingOverStaleRuns(everyMs = STALE_AFTER_MS / 2): () => void {
  const timer = setInterval(() => {
    takeOverStaleRuns().then(
      (ids) => ids.forEach((id) => void runJudge(id).catch((error: unknown) => console.error(`Judge run ${id} stopped:`, error))),
      // The database is away: the next round tries again.
      () => {},
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
