import { z } from "zod";

const assignmentId = z.string().min(1).max(64);

/** A side chosen between two answers, or (in an absolute study) one answer's label. */
export const judgmentSchema = z
  .object({
    assignmentId,
    choice: z.enum(["left", "right", "neither"], "must be left, right or neither").optional(),
    label: z.enum(["fail", "pass", "excellent"], "must be fail, pass or excellent").optional(),
    rationale: z.string().trim().max(5000, "must be at most 5,000 characters").optional(),
  })
  .refine((input) => (input.choice === undefined) !== (input.label === undefined), {
    path: ["choice"],
    message: "give either a choice (left, right or neither) or a label (fail, pass or excellent)",
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
