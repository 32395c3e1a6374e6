// A study's LLM judges as researchers manage them. The API key goes into the database and is read
// back only by the run that calls the endpoint: nothing here returns it.
import "server-only";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkEndpoint, EndpointRefused } from "@/lib/judge/endpoint-guard";
import { Prisma } from "@/lib/generated/prisma/client";
import { runJudge, requestCancel, startJudgeRun } from "@/lib/judge/judge-run";
import type { NewJudge } from "@/lib/validation/judge";

export async function createJudge(studyId: string, input: NewJudge, actorId: string): Promise<void> {
  const study = await db().study.findUniqueOrThrow({ where: { id: studyId }, select: { kind: true } });
  if (!comparesTwoAnswers(study.kind)) throw new AppError("invalid", "An LLM judge compares two answers: it can be added to a pairwise study only.");
  // Checked again at every call, on the addresses of that moment.
  await checkEndpoint(input.baseUrl, env().JUDGE_ALLOWED_HOSTS).catch((error: unknown) => {
    if (error instanceof EndpointRefused) throw new AppError("invalid", error.message);
    throw error;
  });
  try {
    await db().$transaction(async (tx) => {
      await tx.judge.create({ data: { studyId, createdById: actorId, ...input } });
      await tx.studyEvent.create({ data: { studyId, actorId, what: "LLM judge added", after: `${input.name} (${input.model} at ${input.baseUrl})` } });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `This study already has a judge named "${input.name}".`);
    }
    throw error;
  }
}

export interface JudgeSummary {
  id: string;
  name: string;
  /** Null for a judge whose verdicts were imported. */
  model: string | null;
  baseUrl: string | null;
  concurrency: number;
  /** (pair, order) items of the study, and how many have a stored answer, read or not. */
  items: number;
  answered: number;
  unparseable: number;
  failed: number;
  run: { id: string; status: string; calls: number; promptTokens: number; completionTokens: number; error: string | null; startedAt: Date; finishedAt: Date | null } | null;
}

export async function listJudges(studyId: string): Promise<JudgeSummary[]> {
  const rows = await db().$queryRaw<Omit<JudgeSummary, "run">[]>`
    SELECT jg.id, jg.name, jg.model, jg."baseUrl", jg.concurrency,
           (SELECT 2 * count(*)::int FROM "Pair" p WHERE p."studyId" = jg."studyId" AND p."baselineResponseId" IS NOT NULL) AS items,
           count(v.id) FILTER (WHERE v.answer IS NOT NULL)::int AS answered,
           count(v.id) FILTER (WHERE v.answer IS NOT NULL AND v.choice IS NULL)::int AS unparseable,
           count(v.id) FILTER (WHERE v.answer IS NULL)::int AS failed
      FROM "Judge" jg LEFT JOIN "JudgeVerdict" v ON v."judgeId" = jg.id
     WHERE jg."studyId" = ${studyId}
     GROUP BY jg.id
     ORDER BY jg."createdAt"`;
  const runs = await db().judgeRun.findMany({
    where: { judgeId: { in: rows.map((row) => row.id) } },
    orderBy: { startedAt: "desc" },
    distinct: ["judgeId"],
    select: { id: true, judgeId: true, status: true, calls: true, promptTokens: true, completionTokens: true, error: true, startedAt: true, finishedAt: true },
  });
  const latest = new Map(runs.map(({ judgeId, ...run }) => [judgeId, run]));
  return rows.map((row) => ({ ...row, run: latest.get(row.id) ?? null }));
}

async function judgeOf(studyId: string, judgeId: string) {
  const judge = await db().judge.findFirst({ where: { id: judgeId, studyId }, select: { id: true, name: true, baseUrl: true } });
  if (!judge) throw new AppError("not_found", "This study has no such judge.");
  return judge;
}

/** Starts a run in the background of this process; the page follows it by its stored progress. */
export async function startRun(studyId: string, judgeId: string, actorId: string): Promise<void> {
  const judge = await judgeOf(studyId, judgeId);
  if (!judge.baseUrl) throw new AppError("invalid", `${judge.name}'s verdicts were imported: it has no endpoint to run.`);
  const runId = await startJudgeRun(judge.id);
  await db().studyEvent.create({ data: { studyId, actorId, what: "LLM judge run started", after: judge.name } });
  void runJudge(runId).catch((error: unknown) => console.error(`Judge run ${runId} stopped:`, error));
}

export async function cancelRun(studyId: string, judgeId: string, actorId: string): Promise<void> {
  const judge = await judgeOf(studyId, judgeId);
  const run = await db().judgeRun.findFirst({ where: { judgeId: judge.id, status: "running" }, select: { id: true } });
  if (!run) throw new AppError("conflict", "This judge is not running.");
  await requestCancel(run.id);
  await db().studyEvent.create({ data: { studyId, actorId, what: "LLM judge run cancelled", after: judge.name } });
}
