// Gold answers set in bulk: a file of (prompt id, baseline, verdict) lines, CSV or JSON lines, as
// a researcher keeps them beside the study. All or nothing: a file with any error names each one
// by line and field, and changes nothing; a pair raters were given keeps what it is (as on a
// prompt's page), since turning it into gold or back would change what their judgments count for.
import "server-only";
import type { Verdict } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readRecords, type ImportFile } from "@/lib/importer/read-file";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { goldLineSchema } from "@/lib/validation/gold";

export interface GoldImportReport {
  committed: boolean;
  /** Pairs made gold (or given another verdict), and pairs unmarked. */
  set: number;
  cleared: number;
  errors: { line: number; field: string; reason: string }[];
}

const MAX_ERRORS = 50;
const MAX_BYTES = 10 * 1024 * 1024;

export async function importGoldAnswers(studyId: string, file: ImportFile, actorId: string | null): Promise<GoldImportReport> {
  const study = await db().study.findUniqueOrThrow({ where: { id: studyId }, select: { kind: true, status: true } });
  if (!comparesTwoAnswers(study.kind)) throw new AppError("invalid", "Gold answers are verdicts between two answers: only a study of pairs has them.");
  if (study.status === "closed") throw new AppError("conflict", "This study is closed: its data and results are final, so its gold pairs cannot change.");
  const pairs = await db().$queryRaw<{ id: string; promptId: string; baseline: string; goldVerdict: Verdict | null; given: boolean }[]>`
    SELECT p.id, pr."externalId" AS "promptId", s.name AS baseline, p."goldVerdict",
           EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p.id) AS given
      FROM "Pair" p JOIN "Prompt" pr ON pr.id = p."promptId" JOIN "System" s ON s.id = p."baselineSystemId"
     WHERE p."studyId" = ${studyId}`;
  const byKey = new Map(pairs.map((pair) => [`${pair.promptId}\u0000${pair.baseline}`, pair]));
  const byId = new Map(pairs.map((pair) => [pair.id, pair]));

  const errors: GoldImportReport["errors"] = [];
  const changes = new Map<string, { verdict: Verdict | null; line: number }>();
  for await (const raw of readRecords(file, MAX_BYTES)) {
    if (errors.length >= MAX_ERRORS) break;
    if (!("record" in raw)) {
      errors.push({ line: raw.line, field: raw.field, reason: raw.reason });
      continue;
    }
    const parsed = goldLineSchema.safeParse(raw.record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line: raw.line, field: String(issue.path[0] ?? "(line)"), reason: issue.message });
      continue;
    }
    const { prompt_id: promptId, baseline, verdict } = parsed.data;
    const pair = byKey.get(`${promptId}\u0000${baseline}`);
    if (!pair) {
      errors.push({ line: raw.line, field: "prompt_id", reason: `with baseline "${baseline}" is not a pair of this study` });
      continue;
    }
    const earlier = changes.get(pair.id);
    if (earlier) {
      errors.push({ line: raw.line, field: "prompt_id", reason: `repeats line ${earlier.line}: the same prompt and baseline` });
      continue;
    }
    if (pair.given && (pair.goldVerdict === null) !== (verdict === null)) {
      errors.push({ line: raw.line, field: "verdict", reason: "raters have already been given this pair, so it can no longer become gold or stop being gold" });
      continue;
    }
    changes.set(pair.id, { verdict: verdict as Verdict | null, line: raw.line });
  }
  if (errors.length || changes.size === 0) {
    if (!errors.length) errors.push({ line: 0, field: "(file)", reason: "holds no line: give prompt_id, baseline and verdict" });
    return { committed: false, set: 0, cleared: 0, errors };
  }

  const rows = [...changes.entries()].filter(([id, change]) => byId.get(id)?.goldVerdict !== change.verdict);
  const set = rows.filter(([, change]) => change.verdict !== null).length;
  const cleared = rows.length - set;
  const ids = rows.map(([id]) => id);
  const verdicts = rows.map(([, change]) => change.verdict);
  await db().$transaction(async (tx) => {
    // Checked again under the pairs' locks: a rater may have been given one since the file was read.
    const turned = await tx.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM "Pair" p JOIN unnest(${ids}::text[], ${verdicts}::text[]) AS r(id, verdict) ON r.id = p.id
       WHERE (p."goldVerdict" IS NULL) <> (r.verdict IS NULL) AND EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p.id)
         FOR UPDATE OF p`;
    if (turned.length) {
      const lines = turned.map((pair) => changes.get(pair.id)!.line).sort((a, b) => a - b);
      throw new AppError("conflict", `Raters were given the pairs of lines ${lines.join(", ")} while the file was read: nothing was changed; import it again.`);
    }
    await tx.$executeRaw`
      UPDATE "Pair" p SET "goldVerdict" = r.verdict::"Verdict"
        FROM unnest(${ids}::text[], ${verdicts}::text[]) AS r(id, verdict)
       WHERE p.id = r.id AND p."studyId" = ${studyId}`;
    await tx.studyEvent.create({ data: { studyId, actorId, what: "gold answers imported", after: `${set} set, ${cleared} unmarked` } });
  });
  return { committed: true, set, cleared, errors: [] };
}
