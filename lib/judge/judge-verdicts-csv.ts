// A judge's answers as CSV, one row per pair and order and run, kept apart from the raters'
// judgments: the current answers and, after a run started again, the earlier ones it superseded
// (`superseded` true), each with its run; `removed` marks a pair taken out of the study and
// `retired` a judge deleted with its answers kept. Only current answers of a judge that is not
// retired, on pairs not removed, count in the figures. Nothing of the judge's endpoint is in it
// but its name and model: never its key.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { readDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { spreadsheetSafe } from "@/lib/export/spreadsheet-safe";

const COLUMNS = [
  "judge",
  "model",
  "pair_id",
  "prompt_id",
  "target",
  "baseline",
  "target_side",
  "choice",
  "verdict",
  "problem",
  "answer",
  "attempts",
  "prompt_tokens",
  "completion_tokens",
  "created_at",
  "run_id",
  "superseded",
  "removed",
  "retired",
] as const;

export async function judgeVerdictsCsv(studyId: string, judgeId: string): Promise<string> {
  const judge = await readDb().judge.findFirst({ where: { id: judgeId, studyId }, select: { id: true } });
  if (!judge) throw new AppError("not_found", "This study has no such judge.");
  const rows = await readDb().$queryRaw<Record<(typeof COLUMNS)[number], string | number | null>[]>`
    SELECT jg.name AS judge, jg.model, p.id AS pair_id, pr."externalId" AS prompt_id, ts.name AS target, bs.name AS baseline,
           v."targetSide"::text AS target_side, v.choice::text AS choice, v.verdict::text AS verdict, v.problem, v.answer,
           v.attempts, v."promptTokens" AS prompt_tokens, v."completionTokens" AS completion_tokens,
           to_char(v."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
           v."runId" AS run_id, (v."supersededAt" IS NOT NULL)::text AS superseded, (p."removedAt" IS NOT NULL)::text AS removed,
           (jg."retiredAt" IS NOT NULL)::text AS retired
      FROM "JudgeVerdict" v
      JOIN "Judge" jg ON jg.id = v."judgeId"
      JOIN "Pair" p ON p.id = v."pairId"
      JOIN "Prompt" pr ON pr.id = p."promptId"
      JOIN "System" ts ON ts.id = p."targetSystemId"
      JOIN "System" bs ON bs.id = p."baselineSystemId"
     WHERE v."judgeId" = ${judgeId}
     ORDER BY pr.position, bs.position, v."targetSide", v."supersededAt" IS NULL, v."createdAt", v.id`;
  return stringify(
    rows.map((row) => COLUMNS.map((column) => (typeof row[column] === "string" ? spreadsheetSafe(row[column] as string) : row[column]))),
    { header: true, columns: [...COLUMNS] },
  );
}
