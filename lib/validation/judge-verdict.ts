import { z } from "zod";

const text = z.string().trim().min(1, "must not be empty");
const lower = (values: readonly string[], message: string) =>
  z.preprocess((value) => (typeof value === "string" ? value.trim().toLowerCase() : value), z.enum(values as [string, ...string[]], message));

/**
 * One verdict produced elsewhere, per line of a CSV or JSONL file: the judge's name; the pair, by
 * its id or by prompt id and baseline; the order it was shown in; and either the verdict in the
 * target's terms or the choice as shown.
 */
export const importedVerdictSchema = z
  .object({
    judge: text.max(100, "must be at most 100 characters"),
    pair_id: text.optional(),
    prompt_id: text.optional(),
    baseline: text.optional(),
    target_side: lower(["left", "right", "a", "b"], "must be left (the target shown as answer A) or right (as answer B)"),
    verdict: lower(["win", "tie", "loss"], "must be win, tie or loss (in the target's terms)").optional(),
    choice: lower(["left", "right", "neither", "a", "b"], "must be left, right, neither, A or B").optional(),
    answer: z.string().max(100_000, "must be at most 100,000 characters").optional(),
  })
  .refine((row) => row.pair_id !== undefined || (row.prompt_id !== undefined && row.baseline !== undefined), {
    path: ["pair_id"],
    message: "give pair_id, or prompt_id and baseline",
  })
  .refine((row) => (row.verdict === undefined) !== (row.choice === undefined), { path: ["verdict"], message: "give verdict or choice, not both" });
export type ImportedVerdict = z.infer<typeof importedVerdictSchema>;
