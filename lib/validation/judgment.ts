import { z } from "zod";
import { LIKERT_SCALE } from "@/lib/kinds";

const assignmentId = z.string().min(1).max(64);

/** A side chosen between two answers, or one answer's label (absolute study), score (Likert study) or label per turn (multi-turn study). */
export const judgmentSchema = z
  .object({
    assignmentId,
    choice: z.enum(["left", "right", "neither"], "must be left, right or neither").optional(),
    label: z.enum(["fail", "pass", "excellent"], "must be fail, pass or excellent").optional(),
    score: z
      .number(`must be a number from ${LIKERT_SCALE.min} to ${LIKERT_SCALE.max}`)
      .int("must be a whole number")
      .min(LIKERT_SCALE.min, `must be at least ${LIKERT_SCALE.min}`)
      .max(LIKERT_SCALE.max, `must be at most ${LIKERT_SCALE.max}`)
      .optional(),
    turnLabels: z.array(z.enum(["fail", "pass", "excellent"], "must be fail, pass or excellent")).min(1, "must label at least one turn").max(100, "must be at most 100 labels").optional(),
    rationale: z.string().trim().max(5000, "must be at most 5,000 characters").optional(),
  })
  .refine((input) => [input.choice, input.label, input.score, input.turnLabels].filter((answer) => answer !== undefined).length === 1, {
    path: ["choice"],
    message: "give one of a choice (left, right or neither), a label (fail, pass or excellent), a score (1 to 6) or a label per turn",
  });
export type JudgmentInput = z.infer<typeof judgmentSchema>;

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
