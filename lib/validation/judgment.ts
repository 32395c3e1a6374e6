import { z } from "zod";
import { KIND_NAMES, KINDS, type Answer, type KindName } from "@/lib/kinds";

const assignmentId = z.string().min(1).max(64);

/** What every judgment holds, whatever its kind. */
const judged = z.object({ assignmentId, rationale: z.string().trim().max(5000, "must be at most 5,000 characters").optional() });

const [first, ...rest] = KIND_NAMES.map((name) => KINDS[name].judgment.schema);
/** A rater's answer, its kind named: each kind's own schema, chosen by its `kind`. */
const answerSchema = z.discriminatedUnion("kind", [first, ...rest], `must be ${KIND_NAMES.slice(0, -1).join(", ")} or ${KIND_NAMES.at(-1)}`);

const described = KIND_NAMES.map((name) => KINDS[name].judgment.described);
/** Said when a request holds no answer, or the answers of several kinds. */
export const ONE_ANSWER = `give one of ${described.slice(0, -1).join(", ")} or ${described.at(-1)}`;

/** The kinds whose answer field the request holds. */
const kindsAnswered = (input: Record<string, unknown>): KindName[] => KIND_NAMES.filter((name) => input[KINDS[name].judgment.field] !== undefined);

/**
 * An answer sent without its kind (as API clients and scripts did before kinds were named) is
 * of the kind whose field it holds; one that holds the fields of several kinds, or none, is
 * refused, as is a named kind with another kind's field beside its own.
 */
function withKind(input: unknown, ctx: z.RefinementCtx) {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const fields = input as Record<string, unknown>;
  const answered = kindsAnswered(fields);
  if (answered.length > 1 || (fields.kind === undefined && answered.length === 0)) {
    ctx.addIssue({ code: "custom", path: [KINDS[KIND_NAMES[0]].judgment.field], message: ONE_ANSWER });
    return z.NEVER;
  }
  return fields.kind === undefined ? { ...fields, kind: answered[0] } : input;
}

/**
 * A side chosen between two answers, or one answer's label (absolute study), score (Likert
 * study) or label per turn (multi-turn study): each kind's answer as the registry has it.
 */
export const judgmentSchema = z.preprocess(withKind, judged.and(answerSchema));
/** A judgment as read: its kind always named. */
export type Judgment = z.output<typeof judgmentSchema>;

type Unnamed<A> = A extends { kind: infer Kind } ? Omit<A, "kind"> & { kind?: Kind } : never;
/** A judgment as a caller may give it: its kind may be left to the one answer field present. */
export type JudgmentInput = z.output<typeof judged> & Unnamed<Answer>;

/** The judgment with its kind named, or null when its answer fields leave the kind unclear. */
export function answerOf(input: JudgmentInput): Judgment | null {
  const answered = kindsAnswered(input);
  if (answered.length !== 1 || (input.kind !== undefined && input.kind !== answered[0])) return null;
  return { ...input, kind: answered[0] } as Judgment;
}

export const SKIP_REASONS = ["I can't judge this topic", "The content is broken", "I'd rather not read this", "Other"] as const;

export const skipSchema = z.object({
  assignmentId,
  reason: z.string().trim().min(1, "say why you skip").max(500, "must be at most 500 characters"),
});

export const flagSchema = z.object({
  assignmentId,
  reason: z.enum(["broken", "offensive", "other"], "must be broken, offensive or other"),
  note: z.string().trim().max(1000, "must be at most 1,000 characters").optional(),
});
export type FlagInput = z.infer<typeof flagSchema>;

/** Taking back the rater's last judgment: the assignment it was made on. */
export const undoSchema = z.object({ assignmentId });
