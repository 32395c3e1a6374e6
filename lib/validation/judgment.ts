import { z } from "zod";

export const judgmentSchema = z.object({
  assignmentId: z.string().min(1).max(64),
  choice: z.enum(["left", "right", "neither"], "must be left, right or neither"),
  rationale: z.string().trim().max(5000, "must be at most 5,000 characters").optional(),
});
export type JudgmentInput = z.infer<typeof judgmentSchema>;
