// Reads a study bundle (lib/export/study-bundle.ts) and recomputes every figure in it offline from
// its raw records with the pure statistics, to hold against the figures the app wrote. Bad input
// stops at the first problem, named by line, field and reason.
import { z } from "zod";
import { figuresFromJudgments, namedFigures, type StudyFigures, type StudyRecords } from "@/lib/results/figures-from-judgments";

const verdict = z.enum(["win", "tie", "loss"]);
const headerSchema = z.object({
  kind: z.literal("bundle"),
  format: z.literal("pairwise-study-bundle"),
  version: z.literal(2),
  study: z.object({ judgmentsPerPair: z.number().int().positive() }),
  target: z.string().nullable(),
  systems: z.array(z.string()),
});
const schemas = {
  response: z.object({ promptId: z.string(), system: z.string(), text: z.string() }),
  pair: z.object({ id: z.string(), promptId: z.string(), target: z.string(), baseline: z.string(), goldVerdict: verdict.nullable() }),
  judgment: z.object({
    pairId: z.string(),
    rater: z.string(),
    choice: z.enum(["left", "right", "neither"]),
    verdict,
    goldCorrect: z.boolean().nullable(),
    excluded: z.boolean(),
    timeOnTaskMs: z.number().int().nonnegative(),
  }),
  judge: z.object({ id: z.string(), name: z.string(), createdAt: z.string() }),
  judgeVerdict: z.object({ judge: z.string(), pairId: z.string(), targetSide: z.enum(["left", "right"]), verdict: verdict.nullable() }),
  figure: z.object({ name: z.string(), value: z.unknown() }),
};

export class BundleError extends Error {}

export interface Analysis {
  recomputed: StudyFigures;
  /** Each figure the bundle holds, by name, as written. */
  stored: Record<string, unknown>;
  /** The figures whose stored values differ from the recomputed ones (or are missing), by name. */
  differs: string[];
}

function parse<T>(schema: z.ZodType<T>, value: unknown, line: number): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BundleError(`line ${line}: ${issue.path.join(".") || "(record)"}: ${issue.message}`);
}

/**
 * Equal as figures: the same keys and strings, numbers the same to 9 significant digits. The two
 * sides add the same terms in different orders, so their last bits may differ; a real difference
 * (one judgment, one resample) moves far more than that.
 */
export function sameFigure(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameFigure(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameFigure((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}

export async function analyzeBundle(lines: AsyncIterable<string> | Iterable<string>): Promise<Analysis> {
  let header: z.infer<typeof headerSchema> | undefined;
  const records: Omit<StudyRecords, "target" | "systems" | "judgmentsPerPair" | "judges"> = { responses: [], pairs: [], judgments: [], judgeVerdicts: [] };
  const judgeRecords: z.infer<typeof schemas.judge>[] = [];
  const pairIds = new Set<string>();
  const stored: Record<string, unknown> = {};
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (!text.trim()) continue;
    let record: { kind?: unknown };
    try {
      record = JSON.parse(text);
    } catch {
      throw new BundleError(`line ${number}: not JSON`);
    }
    if (!header) {
      header = parse(headerSchema, record, number);
      continue;
    }
    switch (record.kind) {
      case "response":
        (records.responses as StudyRecords["responses"][number][]).push(parse(schemas.response, record, number));
        break;
      case "pair": {
        const pair = parse(schemas.pair, record, number);
        pairIds.add(pair.id);
        (records.pairs as StudyRecords["pairs"][number][]).push(pair);
        break;
      }
      case "judgment": {
        const judgment = parse(schemas.judgment, record, number);
        if (!pairIds.has(judgment.pairId)) throw new BundleError(`line ${number}: pairId: "${judgment.pairId}" is not a pair listed before it`);
        (records.judgments as StudyRecords["judgments"][number][]).push(judgment);
        break;
      }
      case "judge":
        judgeRecords.push(parse(schemas.judge, record, number));
        break;
      case "judgeVerdict": {
        const verdictRecord = parse(schemas.judgeVerdict, record, number);
        if (!pairIds.has(verdictRecord.pairId)) throw new BundleError(`line ${number}: pairId: "${verdictRecord.pairId}" is not a pair listed before it`);
        (records.judgeVerdicts as StudyRecords["judgeVerdicts"][number][]).push(verdictRecord);
        break;
      }
      case "figure": {
        const figure = parse(schemas.figure, record, number);
        stored[figure.name] = figure.value;
        break;
      }
    }
  }
  if (!header) throw new BundleError("the file is empty: a bundle starts with its header line");
  // Judges in the page's order, oldest first (the bundle lists them by id).
  const judges = [...judgeRecords].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const recomputed = figuresFromJudgments({ ...records, judges, target: header.target, systems: header.systems, judgmentsPerPair: header.study.judgmentsPerPair });
  // As the bundle holds them: through JSON, where an infinite half-width (nothing judged) is null.
  const named: Record<string, unknown> = JSON.parse(JSON.stringify(namedFigures(recomputed)));
  const differs = Object.keys(named).filter((name) => !(name in stored) || !sameFigure(named[name], stored[name]));
  return { recomputed, stored, differs };
}
