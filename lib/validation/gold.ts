import { z } from "zod";

/** One line of a bulk gold file: which pair (its prompt and baseline), and its known verdict in the target's terms, or none to unmark it. */
export const goldLineSchema = z.object({
  prompt_id: z.coerce.string().trim().min(1, "must name a prompt of the study"),
  baseline: z.string().trim().min(1, "must name a baseline of the study"),
  verdict: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["win", "tie", "loss", "none", ""], "must be win, tie or loss (the target's result), or none to unmark the pair"))
    .transform((verdict) => (verdict === "none" || verdict === "" ? null : verdict)),
});
