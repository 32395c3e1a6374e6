// Reads a study bundle (lib/export/study-bundle.ts) of any kind and recomputes every figure in it
// offline from its raw records with the pure statistics, to hold against the figures the app
// wrote: a preference's through ./figures-from-judgments, one answer at a time's through
// ./answers-from-judgments. Bad input stops at the first problem, named by line, field and reason.
import { z } from "zod";
import { KIND_NAMES, LABELS, type KindName, type Measure } from "@/lib/kinds";
import { KIND_VALUES, valueKeys } from "@/lib/kinds/judgment-values";
import { studyMeasure } from "@/lib/kinds/study-measure";
import { answersFromJudgments, namedAnswerFigures, type AnswerRecords, type AnswerStudyFigures } from "@/lib/results/answers-from-judgments";
import { figuresFromJudgments, namedFigures, type StudyFigures, type StudyRecords } from "@/lib/results/figures-from-judgments";

/**
 * Any kind of study; version 2 was "pairwise-study-bundle", of pairwise studies only, version 3
 * had no `removed` on its pairs, and version 4 no `retired` on its judges nor `superseded` on
 * their verdicts, nor `offerBothBad` in its header or "both_bad" choices (all still read: none
 * of theirs was).
 */
export const BUNDLE_FORMAT = "study-bundle";
export const BUNDLE_VERSION = 5;
const PAIRWISE_FORMAT_V2 = "pairwise-study-bundle";

const verdict = z.enum(["win", "tie", "loss"]);
const label = z.enum(LABELS);
const measureSchema = z.discriminatedUnion("shape", [
  z.object({ shape: z.literal("preference") }),
  z.object({ shape: z.literal("labels"), categories: z.array(label).min(1), turns: z.enum(["one", "each"]) }),
  z.object({ shape: z.literal("scores"), scale: z.object({ min: z.number().int(), max: z.number().int() }).refine((scale) => scale.min <= scale.max, "min is above max") }),
]);
const formatSchema = z.object({ kind: z.literal("bundle"), format: z.enum([BUNDLE_FORMAT, PAIRWISE_FORMAT_V2]) });
const settings = { target: z.string().nullable(), systems: z.array(z.string()) };
const headerSchemas = {
  [BUNDLE_FORMAT]: z.object({
    version: z.union([z.literal(3), z.literal(4), z.literal(BUNDLE_VERSION)]),
    study: z.object({
      kind: z.enum(KIND_NAMES),
      judgmentsPerPair: z.number().int().positive(),
      scaleMin: z.number().int().nullable(),
      scaleMax: z.number().int().nullable(),
      offerBothBad: z.boolean().default(false),
    }),
    measure: measureSchema,
    ...settings,
  }),
  [PAIRWISE_FORMAT_V2]: z.object({ version: z.literal(2), study: z.object({ judgmentsPerPair: z.number().int().positive() }), ...settings }),
};

const timeOnTaskMs = z.number().int().nonnegative();
/** A pair a researcher took out of the study: in no figure. */
const removed = z.boolean().default(false);
const schemas = {
  response: z.object({ id: z.string(), promptId: z.string(), system: z.string(), text: z.string(), turns: z.unknown().optional() }),
  /** `retired`: deleted by a researcher who kept its answers; in no figure. */
  judge: z.object({ id: z.string(), name: z.string(), createdAt: z.string(), retired: z.boolean().default(false) }),
  /** `superseded`: an earlier run's answer, asked again by a later run; in no figure. */
  judgeVerdict: z.object({ judge: z.string(), pairId: z.string(), targetSide: z.enum(["left", "right"]), verdict: verdict.nullable(), superseded: z.boolean().default(false) }),
  figure: z.object({ name: z.string(), value: z.unknown() }),
};
/** A preference's pairs hold two answers, and its judgments a side and a verdict. */
const preferenceSchemas = {
  pair: z.object({ id: z.string(), promptId: z.string(), target: z.string(), baseline: z.string(), goldVerdict: verdict.nullable(), removed }),
  judgment: z.object({
    pairId: z.string(),
    rater: z.string(),
    choice: z.enum(["left", "right", "neither", "both_bad"]),
    verdict,
    goldCorrect: z.boolean().nullable(),
    excluded: z.boolean(),
    timeOnTaskMs,
  }),
};
/** One answer at a time: a pair holds the target's response alone, a judgment a label, a score or labels per turn. */
const answerSchemas = {
  pair: z.object({ id: z.string(), promptId: z.string(), target: z.string(), targetResponseId: z.string(), goldVerdict: verdict.nullable(), removed }),
  judgment: z.object({
    pairId: z.string(),
    rater: z.string(),
    label: label.nullable(),
    score: z.number().int().nullable(),
    turnLabels: z.array(label),
    excluded: z.boolean(),
    timeOnTaskMs,
  }),
};

export class BundleError extends Error {}

/** Where a figure first differs from its recomputation: a path into it (empty for the whole), and each side there. */
export interface Difference {
  path: string;
  stored: unknown;
  recomputed: unknown;
}

export interface FigureCheck {
  name: string;
  /** Matches, differs (first at `difference`), missing from the bundle, or one this recomputation does not make. */
  status: "matches" | "differs" | "missing" | "unknown";
  difference: Difference | null;
}

interface Comparison {
  /** Each figure the bundle holds, by name, as written. */
  stored: Record<string, unknown>;
  /** Each figure recomputed, by name, as the bundle would hold it (through JSON, where Infinity is null). */
  named: Record<string, unknown>;
  /** Every figure recomputed in order, then any other the bundle holds. */
  checks: FigureCheck[];
  /** The figures whose stored values differ from the recomputed ones (or are missing, or unknown), by name. */
  differs: string[];
}

/** What the bundle's study measures decides what is recomputed: a preference's figures, or one answer at a time's. */
export type Analysis = Comparison &
  ({ shape: "preference"; kind: KindName | null; recomputed: StudyFigures } | { shape: "labels" | "scores"; kind: KindName; recomputed: AnswerStudyFigures });

function parse<T>(schema: z.ZodType<T>, value: unknown, line: number): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BundleError(`line ${line}: ${issue.path.join(".") || "(record)"}: ${issue.message}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);

/**
 * Where two figures first differ, or null when they are equal as figures: the same keys (in any
 * order) and strings, numbers the same to 9 significant digits. The two sides add the same terms
 * in different orders, so their last bits may differ; a real difference (one judgment, one
 * resample) moves far more than that.
 */
export function firstDifference(stored: unknown, recomputed: unknown, path = ""): Difference | null {
  const here = { path, stored, recomputed };
  if (typeof stored === "number" && typeof recomputed === "number") {
    return stored === recomputed || Math.abs(stored - recomputed) <= 1e-9 * Math.max(1, Math.abs(stored), Math.abs(recomputed)) ? null : here;
  }
  if (Array.isArray(stored) || Array.isArray(recomputed)) {
    if (!Array.isArray(stored) || !Array.isArray(recomputed) || stored.length !== recomputed.length) return here;
    for (const [index, value] of stored.entries()) {
      const difference = firstDifference(value, recomputed[index], `${path}[${index}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (isRecord(stored) && isRecord(recomputed)) {
    for (const key of [...new Set([...Object.keys(recomputed), ...Object.keys(stored)])]) {
      const difference = firstDifference(stored[key], recomputed[key], path ? `${path}.${key}` : key);
      if (difference) return difference;
    }
    return null;
  }
  return stored === recomputed ? null : here;
}

export const sameFigure = (a: unknown, b: unknown): boolean => firstDifference(a, b) === null;

function compare(recomputed: Record<string, unknown>, stored: Record<string, unknown>): Comparison {
  // As the bundle holds them: through JSON, where an infinite half-width (nothing judged) is null.
  const named: Record<string, unknown> = JSON.parse(JSON.stringify(recomputed));
  const checks: FigureCheck[] = Object.keys(named).map((name) => {
    if (!(name in stored)) return { name, status: "missing", difference: null };
    const difference = firstDifference(stored[name], named[name]);
    return { name, status: difference ? "differs" : "matches", difference };
  });
  for (const name of Object.keys(stored)) if (!(name in named)) checks.push({ name, status: "unknown", difference: null });
  return { stored, named, checks, differs: checks.filter((check) => check.status !== "matches").map((check) => check.name) };
}

interface Header {
  kind: KindName | null;
  measure: Measure;
  target: string | null;
  systems: string[];
  judgmentsPerPair: number;
  offersBothBad: boolean;
}

function readHeader(record: unknown, line: number): Header {
  const { format } = parse(formatSchema, record, line);
  if (format === PAIRWISE_FORMAT_V2) {
    const header = parse(headerSchemas[PAIRWISE_FORMAT_V2], record, line);
    return { kind: null, measure: { shape: "preference" }, target: header.target, systems: header.systems, judgmentsPerPair: header.study.judgmentsPerPair, offersBothBad: false };
  }
  const header = parse(headerSchemas[BUNDLE_FORMAT], record, line);
  // The measure the header states must be the one its kind and its scale give, or every count would be read against the wrong values.
  const expected = studyMeasure(header.study.kind, header.study);
  if (firstDifference(header.measure, expected) !== null) {
    throw new BundleError(`line ${line}: measure: a ${header.study.kind} study of this scale measures ${JSON.stringify(expected)}, not ${JSON.stringify(header.measure)}`);
  }
  return {
    kind: header.study.kind,
    measure: header.measure,
    target: header.target,
    systems: header.systems,
    judgmentsPerPair: header.study.judgmentsPerPair,
    offersBothBad: header.study.offerBothBad,
  };
}

export async function analyzeBundle(lines: AsyncIterable<string> | Iterable<string>): Promise<Analysis> {
  let header: Header | undefined;
  const responses: z.infer<typeof schemas.response>[] = [];
  const preferencePairs: z.infer<typeof preferenceSchemas.pair>[] = [];
  const preferenceJudgments: z.infer<typeof preferenceSchemas.judgment>[] = [];
  const answerPairs: z.infer<typeof answerSchemas.pair>[] = [];
  const answerJudgments: z.infer<typeof answerSchemas.judgment>[] = [];
  const judgeRecords: z.infer<typeof schemas.judge>[] = [];
  const judgeVerdicts: z.infer<typeof schemas.judgeVerdict>[] = [];
  const pairIds = new Set<string>();
  const stored: Record<string, unknown> = {};
  const listed = (pairId: string, line: number) => {
    if (!pairIds.has(pairId)) throw new BundleError(`line ${line}: pairId: "${pairId}" is not a pair listed before it`);
  };
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
      header = readHeader(record, number);
      continue;
    }
    const preference = header.measure.shape === "preference";
    switch (record.kind) {
      case "response":
        responses.push(parse(schemas.response, record, number));
        break;
      case "pair":
        if (preference) {
          const pair = parse(preferenceSchemas.pair, record, number);
          preferencePairs.push(pair);
          pairIds.add(pair.id);
        } else {
          const pair = parse(answerSchemas.pair, record, number);
          answerPairs.push(pair);
          pairIds.add(pair.id);
        }
        break;
      case "judgment":
        if (preference) {
          const judgment = parse(preferenceSchemas.judgment, record, number);
          listed(judgment.pairId, number);
          preferenceJudgments.push(judgment);
        } else {
          const judgment = parse(answerSchemas.judgment, record, number);
          listed(judgment.pairId, number);
          // A value the study's measure does not have would be dropped from every count: refuse it.
          const keys = valueKeys(header.measure);
          const stray = KIND_VALUES[header.kind!].valuesOf(judgment).find(({ value }) => !keys.includes(value));
          if (stray) throw new BundleError(`line ${number}: "${stray.value}" is not a value of this study's measure (${keys.join(", ")})`);
          answerJudgments.push(judgment);
        }
        break;
      case "judge":
        judgeRecords.push(parse(schemas.judge, record, number));
        break;
      case "judgeVerdict": {
        const verdictRecord = parse(schemas.judgeVerdict, record, number);
        listed(verdictRecord.pairId, number);
        judgeVerdicts.push(verdictRecord);
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

  const { measure } = header;
  if (measure.shape === "preference") {
    // Judges in the page's order, oldest first (the bundle lists them by id); retired ones and
    // superseded answers are in the history only.
    const judges = judgeRecords.filter((judge) => !judge.retired).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const records: StudyRecords = {
      responses,
      pairs: preferencePairs,
      judgments: preferenceJudgments,
      judges,
      judgeVerdicts: judgeVerdicts.filter((record) => !record.superseded),
      target: header.target,
      systems: header.systems,
      judgmentsPerPair: header.judgmentsPerPair,
      offersBothBad: header.offersBothBad,
    };
    const recomputed = figuresFromJudgments(records);
    return { shape: "preference", kind: header.kind, recomputed, ...compare(namedFigures(recomputed), stored) };
  }
  // A measure other than a preference's comes only with a version 3 or later header, which names the kind.
  const kind = header.kind!;
  const records: AnswerRecords = { kind, measure, systems: header.systems, judgmentsPerPair: header.judgmentsPerPair, responses, pairs: answerPairs, judgments: answerJudgments };
  const recomputed = answersFromJudgments(records);
  return { shape: measure.shape, kind, recomputed, ...compare(namedAnswerFigures(recomputed), stored) };
}
