import { z } from "zod";

// An empty field means "the endpoint's default".
const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess((value) => (value === "" || value === undefined || value === null ? null : Number(value)), schema.nullable());

/** A new LLM judge, as the settings form sends it. */
export const newJudgeSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  baseUrl: z
    .string()
    .trim()
    .url("must be a URL, e.g. https://api.openai.com/v1")
    .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
    .refine((value) => !/[?#]/.test(value), "must be the base URL alone, with no query (?…) or fragment (#…)"),
  model: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  apiKey: z.string().trim().min(1, "must not be empty").max(1_000, "must be at most 1,000 characters"),
  prompt: z
    .string()
    .trim()
    .max(20_000, "must be at most 20,000 characters")
    .refine((value) => ["{prompt}", "{answer_a}", "{answer_b}"].every((slot) => value.includes(slot)), "must contain {prompt}, {answer_a} and {answer_b}"),
  temperature: optionalNumber(z.number("must be a number").min(0, "must be at least 0").max(2, "must be at most 2")),
  topP: optionalNumber(z.number("must be a number").gt(0, "must be above 0").max(1, "must be at most 1")),
  maxTokens: optionalNumber(z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(100_000, "must be at most 100,000")),
  concurrency: z.coerce.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(32, "must be at most 32").default(4),
});
export type NewJudge = z.infer<typeof newJudgeSchema>;
