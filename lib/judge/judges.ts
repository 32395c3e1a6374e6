// A study's LLM judges as researchers manage them: added, changed, run (again), deleted. The API
// key goes into the database and is read back only by the run that calls the endpoint: nothing
// here returns it, and the history records only that it was replaced. Starting a run, changing
// and deleting a judge lock its row, so they take turns; the last two are refused while it runs.
import "server-only";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkEndpoint, EndpointRefused } from "@/lib/judge/endpoint-guard";
import { Prisma } from "@/lib/generated/prisma/client";
import { lockJudge, openRun, runJudge, requestCancel } from "@/lib/judge/judge-run";
import type { JudgeDelete, JudgeEdit, NewJudge } from "@/lib/validation/judge";

/** The guard against calls into the app's own network, when a judge's endpoint is saved (and again at every call). */
async function checkedEndpoint(baseUrl: string): Promise<void> {
  await checkEndpoint(baseUrl, env().JUDGE_ALLOWED_HOSTS).catch((error: unknown) => {
    if (error instanceof EndpointRefused) throw new AppError("invalid", error.message);
    throw error;
  });
}

/** A name the study's judges have already, retired ones included (their answers carry it in the history). */
async function nameTaken(studyId: string, name: string, error: unknown): Promise<never> {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    const other = await db().judge.findFirst({ where: { studyId, name }, select: { retiredAt: true } });
    throw new AppError(
      "conflict",
      other?.retiredAt
        ? `A deleted judge whose answers are kept is named "${name}": choose another name.`
        : `This study already has a judge named "${name}".`,
    );
  }
  throw error;
}

export async function createJudge(studyId: string, input: NewJudge, actorId: string): Promise<void> {
  const study = await db().study.findUniqueOrThrow({ where: { id: studyId }, select: { kind: true } });
  if (!comparesTwoAnswers(study.kind)) throw new AppError("invalid", "An LLM judge compares two answers: it can be added to a pairwise study only.");
  // Checked again at every call, on the addresses of that moment.
  await checkedEndpoint(input.baseUrl);
  try {
    await db().$transaction(async (tx) => {
      await tx.judge.create({ data: { studyId, createdById: actorId, ...input } });
      await tx.studyEvent.create({ data: { studyId, actorId, what: "LLM judge added", after: `${input.name} (${input.model} at ${input.baseUrl})` } });
    });
  } catch (error) {
    await nameTaken(studyId, input.name, error);
  }
}

export interface JudgeSummary {
  id: string;
  name: string;
  /** Null for a judge whose verdicts were imported. */
  model: string | null;
  baseUrl: string | null;
  prompt: string | null;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  concurrency: number;
  /** Deleted with its answers kept: in the history only. */
  retiredAt: Date | null;
  /** (pair, order) items of the study (removed pairs left out), and how many have a current answer, read or not. */
  items: number;
  answered: number;
  unparseable: number;
  failed: number;
  /** Answers of earlier runs, superseded by a run started again: in the history only. */
  superseded: number;
  /** Every answer stored, current or superseded, on any pair: what deleting it with its answers deletes. */
  stored: number;
  run: { id: string; status: string; calls: number; promptTokens: number; completionTokens: number; error: string | null; startedAt: Date; finishedAt: Date | null } | null;
}

/** Every judge of the study, retired ones too (the page lists them apart), oldest first. */
export async function listJudges(studyId: string): Promise<JudgeSummary[]> {
  const rows = await db().$queryRaw<Omit<JudgeSummary, "run">[]>`
    SELECT jg.id, jg.name, jg.model, jg."baseUrl", jg.prompt, jg.temperature, jg."topP", jg."maxTokens", jg.concurrency, jg."retiredAt",
           (SELECT 2 * count(*)::int FROM "Pair" p
             WHERE p."studyId" = jg."studyId" AND p."baselineResponseId" IS NOT NULL AND p."removedAt" IS NULL) AS items,
           count(v.id) FILTER (WHERE v."supersededAt" IS NULL AND p."removedAt" IS NULL AND v.answer IS NOT NULL)::int AS answered,
           count(v.id) FILTER (WHERE v."supersededAt" IS NULL AND p."removedAt" IS NULL AND v.answer IS NOT NULL AND v.choice IS NULL)::int AS unparseable,
           count(v.id) FILTER (WHERE v."supersededAt" IS NULL AND p."removedAt" IS NULL AND v.answer IS NULL)::int AS failed,
           count(v.id) FILTER (WHERE v."supersededAt" IS NOT NULL)::int AS superseded,
           count(v.id)::int AS stored
      FROM "Judge" jg
      LEFT JOIN ("JudgeVerdict" v JOIN "Pair" p ON p.id = v."pairId") ON v."judgeId" = jg.id
     WHERE jg."studyId" = ${studyId}
     GROUP BY jg.id
     ORDER BY jg."createdAt", jg.id`;
  const runs = await db().judgeRun.findMany({
    where: { judgeId: { in: rows.map((row) => row.id) } },
    orderBy: { startedAt: "desc" },
    distinct: ["judgeId"],
    select: { id: true, judgeId: true, status: true, calls: true, promptTokens: true, completionTokens: true, error: true, startedAt: true, finishedAt: true },
  });
  const latest = new Map(runs.map(({ judgeId, ...run }) => [judgeId, run]));
  return rows.map((row) => ({ ...row, run: latest.get(row.id) ?? null }));
}

async function judgeOf(studyId: string, judgeId: string, client: Prisma.TransactionClient = db()) {
  const judge = await client.judge.findFirst({
    where: { id: judgeId, studyId },
    select: { id: true, name: true, baseUrl: true, model: true, prompt: true, temperature: true, topP: true, maxTokens: true, concurrency: true, retiredAt: true },
  });
  if (!judge) throw new AppError("not_found", "This study has no such judge.");
  return judge;
}

/** The judge, its row locked for the rest of `tx`; refused when it was retired or is running (for changing or deleting it). */
async function lockedJudge(tx: Prisma.TransactionClient, studyId: string, judgeId: string, refuseWhileRunning: string | null) {
  await lockJudge(tx, judgeId);
  const judge = await judgeOf(studyId, judgeId, tx);
  if (judge.retiredAt) throw new AppError("conflict", `${judge.name} was deleted (its answers are kept in the history): it can no longer be run or changed.`);
  if (refuseWhileRunning && (await tx.judgeRun.count({ where: { judgeId, status: "running" } }))) {
    throw new AppError("conflict", `${judge.name} is running: cancel its run, or wait for it to finish, before you ${refuseWhileRunning} it.`);
  }
  return judge;
}

/**
 * Starts a run in the background of this process; the page follows it by its stored progress.
 * `again`: every pair is asked afresh, the judge's current answers kept in the history as
 * superseded (out of every figure), the new run's answers taking their place.
 */
export async function startRun(studyId: string, judgeId: string, actorId: string, options: { again?: boolean } = {}): Promise<void> {
  const again = options.again ?? false;
  const runId = await db().$transaction(async (tx) => {
    const judge = await lockedJudge(tx, studyId, judgeId, null);
    if (!judge.baseUrl) throw new AppError("invalid", `${judge.name}'s verdicts were imported: it has no endpoint to run.`);
    const { runId, superseded } = await openRun(tx, judge.id, again);
    await tx.studyEvent.create({
      data: again
        ? { studyId, actorId, what: "LLM judge run again", after: `${judge.name}: every pair asked afresh; ${superseded} earlier answers kept in the history, superseded` }
        : { studyId, actorId, what: "LLM judge run started", after: judge.name },
    });
    return runId;
  });
  void runJudge(runId).catch((error: unknown) => console.error(`Judge run ${runId} stopped:`, error));
}

export async function cancelRun(studyId: string, judgeId: string, actorId: string): Promise<void> {
  const judge = await judgeOf(studyId, judgeId);
  const run = await db().judgeRun.findFirst({ where: { judgeId: judge.id, status: "running" }, select: { id: true } });
  if (!run) throw new AppError("conflict", "This judge is not running.");
  await requestCancel(run.id);
  await db().studyEvent.create({ data: { studyId, actorId, what: "LLM judge run cancelled", after: judge.name } });
}

const orDefault = (value: number | null) => (value === null ? "the endpoint's default" : String(value));
const characters = (text: string | null) => `${(text ?? "").length.toLocaleString("en")} characters`;

/**
 * Changes a judge: its name, and for one that calls an endpoint the endpoint (checked by the same
 * guard as when it was added), model, prompt, sampling and concurrency, and its key when a new one
 * is given. Refused while it runs. Each change goes to the study's history (a long prompt by its
 * length, the key only as "replaced"). Returns the judge's name and whether anything changed.
 */
export async function updateJudge(studyId: string, input: JudgeEdit, actorId: string): Promise<{ name: string; changed: boolean }> {
  const current = await judgeOf(studyId, input.judgeId);
  const endpoint = { baseUrl: input.baseUrl, model: input.model, prompt: input.prompt, apiKey: input.apiKey };
  if (current.baseUrl === null) {
    if (Object.values(endpoint).some((value) => value !== undefined)) {
      throw new AppError("invalid", `${current.name}'s verdicts were imported: it has no endpoint, and only its name can change.`);
    }
  } else {
    if (!input.baseUrl || !input.model || !input.prompt) throw new AppError("invalid", "Give the judge's endpoint, model and prompt.");
    // The same guard as when a judge is added, on the address as it is saved.
    await checkedEndpoint(input.baseUrl);
  }

  try {
    return await db().$transaction(async (tx) => {
      const judge = await lockedJudge(tx, studyId, input.judgeId, "change");
      const data: Prisma.JudgeUpdateInput = {};
      const events: { what: string; before: string | null; after: string }[] = [];
      const what = (field: string) => `LLM judge ${judge.name}: ${field}`;
      if (input.name !== judge.name) {
        data.name = input.name;
        events.push({ what: what("name"), before: judge.name, after: input.name });
      }
      if (judge.baseUrl !== null) {
        const text = (field: "baseUrl" | "model", label: string) => {
          if (input[field] !== judge[field]) {
            data[field] = input[field];
            events.push({ what: what(label), before: judge[field], after: input[field]! });
          }
        };
        text("baseUrl", "endpoint");
        text("model", "model");
        if (input.prompt !== judge.prompt) {
          data.prompt = input.prompt;
          events.push({ what: what("prompt"), before: characters(judge.prompt), after: characters(input.prompt!) });
        }
        for (const [field, label] of [["temperature", "temperature"], ["topP", "top p"], ["maxTokens", "most tokens per answer"]] as const) {
          if (input[field] !== judge[field]) {
            data[field] = input[field];
            events.push({ what: what(label), before: orDefault(judge[field]), after: orDefault(input[field]) });
          }
        }
        if (input.concurrency !== undefined && input.concurrency !== judge.concurrency) {
          data.concurrency = input.concurrency;
          events.push({ what: what("calls at a time"), before: String(judge.concurrency), after: String(input.concurrency) });
        }
        // Never the key itself, old or new: only that it changed.
        if (input.apiKey !== undefined) {
          data.apiKey = input.apiKey;
          events.push({ what: what("API key"), before: null, after: "replaced" });
        }
      }
      if (events.length === 0) return { name: judge.name, changed: false };
      await tx.judge.update({ where: { id: judge.id }, data });
      await tx.studyEvent.createMany({ data: events.map((event) => ({ studyId, actorId, ...event })) });
      return { name: input.name, changed: true };
    });
  } catch (error) {
    return nameTaken(studyId, input.name, error);
  }
}

/**
 * Deletes a judge, refused while it runs. `keep`: the judge is retired, gone from the dashboard
 * and the run controls, its answers kept in the verdicts download and the bundle, marked, and its
 * key erased. `delete`: the judge goes with every answer it gave (a retired one too). Recorded in
 * the study's history.
 */
export async function deleteJudge(studyId: string, { judgeId, answers }: JudgeDelete, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockJudge(tx, judgeId);
    const judge = await judgeOf(studyId, judgeId, tx);
    if (judge.retiredAt && answers === "keep") throw new AppError("conflict", `${judge.name} was deleted already, its answers kept.`);
    if (await tx.judgeRun.count({ where: { judgeId, status: "running" } })) {
      throw new AppError("conflict", `${judge.name} is running: cancel its run, or wait for it to finish, before you delete it.`);
    }
    const count = await tx.judgeVerdict.count({ where: { judgeId } });
    const described = judge.baseUrl ? `${judge.name} (${judge.model} at ${judge.baseUrl})` : `${judge.name} (verdicts imported)`;
    if (answers === "keep") {
      await tx.judge.update({ where: { id: judgeId }, data: { retiredAt: new Date(), apiKey: null } });
      await tx.studyEvent.create({ data: { studyId, actorId, what: "LLM judge deleted, its answers kept", after: `${described}: ${count} answers kept in the history` } });
    } else {
      await tx.judge.delete({ where: { id: judgeId } });
      await tx.studyEvent.create({ data: { studyId, actorId, what: "LLM judge deleted with its answers", after: `${described}: ${count} answers deleted` } });
    }
  });
}
