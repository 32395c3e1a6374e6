import { z } from "zod";

// An empty field means "the endpoint's default".
const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess((value) => (value === "" || value === undefined || value === null ? null : Number(value)), schema.nullable());

const name = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");
const baseUrl = z
  .string()
  .trim()
  .url("must be a URL, e.g. https://api.openai.com/v1")
  .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
  .refine((value) => !/[?#]/.test(value), "must be the base URL alone, with no query (?…) or fragment (#…)");
const model = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const apiKey = z.string().trim().min(1, "must not be empty").max(1_000, "must be at most 1,000 characters");
const prompt = z
  .string()
  .trim()
  .max(20_000, "must be at most 20,000 characters")
  .refine((value) => ["{prompt}", "{answer_a}", "{answer_b}"].every((slot) => value.includes(slot)), "must contain {prompt}, {answer_a} and {answer_b}");
const sampling = {
  temperature: optionalNumber(z.number("must be a number").min(0, "must be at least 0").max(2, "must be at most 2")),
  topP: optionalNumber(z.number("must be a number").gt(0, "must be above 0").max(1, "must be at most 1")),
  maxTokens: optionalNumber(z.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(100_000, "must be at most 100,000")),
};
const concurrency = z.coerce.number("must be a number").int("must be a whole number").min(1, "must be at least 1").max(32, "must be at most 32");

/** A new LLM judge, as the settings form sends it. */
export const newJudgeSchema = z.object({ name, baseUrl, model, apiKey, prompt, ...sampling, concurrency: concurrency.default(4) });
export type NewJudge = z.infer<typeof newJudgeSchema>;

/** A judge's id, as the hidden field of its forms sends it. */
const judgeId = z.string().min(1).max(64);

/**
 * A judge changed, as its edit form sends it: the name, and (for a judge that calls an endpoint)
 * the endpoint, model, prompt and sampling. The API key is never shown: left empty, it is kept.
 */
export const judgeEditSchema = z.object({
  judgeId,
  name,
  baseUrl: baseUrl.optional(),
  model: model.optional(),
  apiKey: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), apiKey.optional()),
  prompt: prompt.optional(),
  ...sampling,
  concurrency: concurrency.optional(),
});
export type JudgeEdit = z.infer<typeof judgeEditSchema>;

/** A judge deleted: its answers kept in the history (the judge retired) or deleted with it. */
export const judgeDeleteSchema = z.object({ judgeId, answers: z.enum(["keep", "delete"]) });
export type JudgeDelete = z.infer<typeof judgeDeleteSchema>;
