import { z } from "zod";

/** An empty field as none, anything else as the number it says. */
const optionalNumber = (value: unknown) => (value === "" || value === undefined || value === null ? null : Number(value));

/**
 * A study's first steps for its raters (consent, a training round) and its attention checks, as
 * the settings form sends them. The checks are set whole or not at all.
 */
export const raterStepsSchema = z
  .object({
    // A browser sends a textarea's line breaks as CRLF: stored as typed, an unchanged text would differ on every save.
    consentText: z.preprocess(
      (value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value),
      z.string().trim().max(20_000, "must be at most 20,000 characters").default(""),
    ),
    trainingItems: z.preprocess(
      (value) => (value === "" || value === undefined || value === null ? 0 : Number(value)),
      z.number("must be a number of pairs").int("must be a whole number").min(0, "must be 0 or more").max(50, "must be at most 50"),
    ),
    attentionAfter: z.preprocess(
      optionalNumber,
      z.number("must be a number of gold pairs").int("must be a whole number").min(1, "must be at least 1, or empty for no checks").max(1000, "must be at most 1,000").nullable(),
    ),
    attentionMinPercent: z.preprocess(
      optionalNumber,
      z.number("must be a percentage").min(1, "must be above 0%").max(100, "must be at most 100%").nullable(),
    ),
  })
  .refine((steps) => (steps.attentionAfter === null) === (steps.attentionMinPercent === null), {
    path: ["attentionMinPercent"],
    message: "must be given with the number of gold pairs (or both left empty for no checks)",
  })
  .transform(({ attentionMinPercent, ...steps }) => ({ ...steps, attentionMinAccuracy: attentionMinPercent === null ? null : attentionMinPercent / 100 }));

export type RaterSteps = z.infer<typeof raterStepsSchema>;

/** A training item's answer, as the rating page sends it: which item (from 1) and the choice as shown. */
export const trainingAnswerSchema = z.object({
  position: z.number().int().min(1),
  reference: z.string().max(40),
  choice: z.enum(["left", "right", "neither", "both_bad"]),
});
