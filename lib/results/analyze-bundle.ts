// Reads a study bundle (lib/export/study-bundle.ts) and recomputes its summary offline with the
// pure statistics, to hold against the summary the app wrote into it. Bad input stops at the
// first problem, named by line, field and reason.
import { z } from "zod";
import type { Verdict } from "@/lib/assign/policy";
import { summarize, type Aggregation, type BaselineSummary, type CountedJudgment } from "@/lib/results/summarize";

const verdict = z.enum(["win", "tie", "loss"]);
const headerSchema = z.object({
  kind: z.literal("bundle"),
  format: z.literal("pairwise-study-bundle"),
  version: z.literal(1),
  target: z.string().nullable(),
  systems: z.array(z.string()),
  bootstrap: z.object({ seeds: z.record(z.string(), z.number().int()) }),
});
const pairSchema = z.object({ kind: z.literal("pair"), id: z.string(), promptId: z.string(), baseline: z.string(), goldVerdict: verdict.nullable() });
const judgmentSchema = z.object({ kind: z.literal("judgment"), pairId: z.string(), verdict, gold: z.boolean(), excluded: z.boolean() });
const summarySchema = z.object({ kind: z.literal("summary"), aggregation: z.enum(["every", "majority"]), baselines: z.array(z.unknown()) });

export class BundleError extends Error {}

export interface Analysis {
  recomputed: Record<Aggregation, BaselineSummary[]>;
  stored: Partial<Record<Aggregation, unknown[]>>;
  /** Each aggregation whose stored summary differs from the recomputed one. */
  differs: Aggregation[];
}

function parse<T>(schema: z.ZodType<T>, value: unknown, line: number): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BundleError(`line ${line}: ${issue.path.join(".") || "(record)"}: ${issue.message}`);
}

export async function analyzeBundle(lines: AsyncIterable<string> | Iterable<string>): Promise<Analysis> {
  let header: z.infer<typeof headerSchema> | undefined;
  const pairs = new Map<string, z.infer<typeof pairSchema>>();
  const judgments: CountedJudgment[] = [];
  const stored: Analysis["stored"] = {};
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
    if (record.kind === "pair") {
      const pair = parse(pairSchema, record, number);
      pairs.set(pair.id, pair);
    } else if (record.kind === "judgment") {
      const judgment = parse(judgmentSchema, record, number);
      const pair = pairs.get(judgment.pairId);
      if (!pair) throw new BundleError(`line ${number}: pairId: "${judgment.pairId}" is not a pair listed before it`);
      // The results count ordinary pairs only, and no excluded rater.
      if (!judgment.gold && !judgment.excluded) {
        judgments.push({ baseline: pair.baseline, promptId: pair.promptId, pairId: pair.id, verdict: judgment.verdict as Verdict });
      }
    } else if (record.kind === "summary") {
      const summary = parse(summarySchema, record, number);
      stored[summary.aggregation] = summary.baselines;
    }
  }
  if (!header) throw new BundleError("the file is empty: a bundle starts with its header line");
  const seeds = header.bootstrap.seeds;
  const baselines = header.systems.filter((name) => name !== header!.target).map((name) => ({ name, seed: seeds[name] ?? 1 }));
  const recomputed = { every: summarize(judgments, baselines, "every"), majority: summarize(judgments, baselines, "majority") };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const differs = (["every", "majority"] as const).filter((aggregation) => !same(recomputed[aggregation], stored[aggregation]));
  return { recomputed, stored, differs };
}
