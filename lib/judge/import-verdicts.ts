// Verdicts of a judge run elsewhere (a script, another tool), imported beside the study's own
// judges and compared with the raters the same way. All or nothing: a file with any error names
// each one by line and field, and writes nothing.
import "server-only";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { verdictFor, type Choice, type Verdict } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Side } from "@/lib/generated/prisma/enums";
import { readRecords, type ImportFile } from "@/lib/importer/read-file";
import { importedVerdictSchema } from "@/lib/validation/judge-verdict";

export interface VerdictImportReport {
  committed: boolean;
  /** Verdicts stored (new or replacing an imported one), and the judges they belong to. */
  verdicts: number;
  judges: string[];
  errors: { line: number; field: string; reason: string }[];
}

const MAX_ERRORS = 50;
const MAX_BYTES = 50 * 1024 * 1024;
const SIDE: Record<string, Side> = { left: "left", a: "left", right: "right", b: "right" };
const CHOICE: Record<string, Choice> = { left: "left", a: "left", right: "right", b: "right", neither: "neither" };

interface Row {
  judge: string;
  pairId: string;
  targetSide: Side;
  verdict: Verdict;
  choice: Choice;
  answer: string | null;
}

/** The choice shown that gives this verdict for a target on this side. */
function choiceFor(verdict: Verdict, targetSide: Side): Choice {
  if (verdict === "tie") return "neither";
  return (verdict === "win") === (targetSide === "left") ? "left" : "right";
}

export async function importJudgeVerdicts(studyId: string, file: ImportFile): Promise<VerdictImportReport> {
  const study = await db().study.findUniqueOrThrow({ where: { id: studyId }, select: { kind: true, status: true } });
  if (!comparesTwoAnswers(study.kind)) throw new AppError("invalid", "Judge verdicts compare two answers: they can be imported into a pairwise study only.");
  const pairs = await db().$queryRaw<{ id: string; promptId: string; baseline: string }[]>`
    SELECT p.id, pr."externalId" AS "promptId", s.name AS baseline
      FROM "Pair" p JOIN "Prompt" pr ON pr.id = p."promptId" JOIN "System" s ON s.id = p."baselineSystemId"
     WHERE p."studyId" = ${studyId}`;
  const byId = new Set(pairs.map((pair) => pair.id));
  const byPrompt = new Map(pairs.map((pair) => [`${pair.promptId}\u0000${pair.baseline}`, pair.id]));
  const existing = await db().judge.findMany({ where: { studyId, OR: [{ baseUrl: { not: null } }, { retiredAt: { not: null } }] }, select: { name: true, retiredAt: true } });
  const endpointJudges = new Set(existing.filter((judge) => !judge.retiredAt).map((judge) => judge.name));
  const retiredJudges = new Set(existing.filter((judge) => judge.retiredAt).map((judge) => judge.name));

  const errors: VerdictImportReport["errors"] = [];
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for await (const raw of readRecords(file, MAX_BYTES)) {
    if (errors.length >= MAX_ERRORS) break;
    if (!("record" in raw)) {
      errors.push({ line: raw.line, field: raw.field, reason: raw.reason });
      continue;
    }
    const parsed = importedVerdictSchema.safeParse(raw.record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line: raw.line, field: String(issue.path[0] ?? "(line)"), reason: issue.message });
      continue;
    }
    const row = parsed.data;
    if (retiredJudges.has(row.judge)) {
      errors.push({ line: raw.line, field: "judge", reason: `names a judge of this study that was deleted with its answers kept; give these verdicts a name of their own` });
      continue;
    }
    if (endpointJudges.has(row.judge)) {
      errors.push({ line: raw.line, field: "judge", reason: `names a judge of this study that calls an endpoint; give imported verdicts a name of their own` });
      continue;
    }
    const pairId = row.pair_id ?? byPrompt.get(`${row.prompt_id}\u0000${row.baseline}`);
    if (!pairId || !byId.has(pairId)) {
      errors.push(
        row.pair_id
          ? { line: raw.line, field: "pair_id", reason: `is not a pair of this study` }
          : { line: raw.line, field: "prompt_id", reason: `with baseline "${row.baseline}" is not a pair of this study` },
      );
      continue;
    }
    const targetSide = SIDE[row.target_side];
    const key = `${row.judge}\u0000${pairId}\u0000${targetSide}`;
    if (seen.has(key)) {
      errors.push({ line: raw.line, field: "target_side", reason: `repeats line ${seen.get(key)}: the same judge, pair and order` });
      continue;
    }
    seen.set(key, raw.line);
    const verdict = row.verdict ? (row.verdict as Verdict) : verdictFor(CHOICE[row.choice!], targetSide);
    rows.push({ judge: row.judge, pairId, targetSide, verdict, choice: row.choice ? CHOICE[row.choice] : choiceFor(verdict, targetSide), answer: row.answer ?? null });
  }
  if (errors.length || rows.length === 0) {
    if (!errors.length) errors.push({ line: 0, field: "(file)", reason: "holds no verdict" });
    return { committed: false, verdicts: 0, judges: [], errors };
  }

  const names = [...new Set(rows.map((row) => row.judge))];
  await db().$transaction(async (tx) => {
    for (const name of names) {
      await tx.judge.upsert({ where: { studyId_name: { studyId, name } }, create: { studyId, name }, update: {} });
    }
    const judges = new Map((await tx.judge.findMany({ where: { studyId, name: { in: names } }, select: { id: true, name: true } })).map((judge) => [judge.name, judge.id]));
    const data = rows.map((row) => ({ judgeId: judges.get(row.judge)!, pairId: row.pairId, targetSide: row.targetSide, verdict: row.verdict, choice: row.choice, answer: row.answer }));
    // Importing again replaces what an earlier import said for the same judge, pair and order.
    await tx.$executeRaw`
      DELETE FROM "JudgeVerdict" v
       USING unnest(${data.map((row) => row.judgeId)}::text[], ${data.map((row) => row.pairId)}::text[], ${data.map((row) => row.targetSide)}::"Side"[]) AS r(judge, pair, side)
       WHERE v."judgeId" = r.judge AND v."pairId" = r.pair AND v."targetSide" = r.side AND v."supersededAt" IS NULL`;
    await tx.judgeVerdict.createMany({ data });
  });
  return { committed: true, verdicts: rows.length, judges: names, errors: [] };
}
