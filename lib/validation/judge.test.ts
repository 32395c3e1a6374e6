import { describe, expect, it } from "vitest";
import { judgeDeleteSchema, judgeEditSchema } from "@/lib/validation/judge";

const PROMPT = "{prompt} {answer_a} {answer_b}";

describe("judgeEditSchema", () => {
  it("reads the edit form of a judge with an endpoint: an empty key is kept (undefined), empty sampling is the endpoint's default", () => {
    expect(
      judgeEditSchema.parse({ judgeId: "j1", name: " GPT-4 ", baseUrl: "https://api.example/v1", model: "m", apiKey: "  ", prompt: PROMPT, temperature: "0.5", topP: "", maxTokens: "", concurrency: "3" }),
    ).toEqual({ judgeId: "j1", name: "GPT-4", baseUrl: "https://api.example/v1", model: "m", apiKey: undefined, prompt: PROMPT, temperature: 0.5, topP: null, maxTokens: null, concurrency: 3 });
    expect(judgeEditSchema.parse({ judgeId: "j1", name: "n", baseUrl: "https://api.example/v1", model: "m", apiKey: "sk-new", prompt: PROMPT, concurrency: "1" }).apiKey).toBe("sk-new");
  });

  it("reads an imported judge's form, which has its name alone", () => {
    expect(judgeEditSchema.parse({ judgeId: "j1", name: "Paper" })).toEqual({ judgeId: "j1", name: "Paper", temperature: null, topP: null, maxTokens: null });
  });

  it("refuses what the add form refuses", () => {
    const problems = judgeEditSchema.safeParse({ judgeId: "j1", name: "", baseUrl: "ftp://x/v1", model: "m", prompt: "no slots", concurrency: "99" });
    expect(problems.success).toBe(false);
    expect(problems.error!.issues.map((issue) => issue.path[0]).sort()).toEqual(["baseUrl", "concurrency", "name", "prompt"]);
  });
});

describe("judgeDeleteSchema", () => {
  it("keeps or deletes the answers, nothing else", () => {
    expect(judgeDeleteSchema.parse({ judgeId: "j1", answers: "keep" })).toEqual({ judgeId: "j1", answers: "keep" });
    expect(judgeDeleteSchema.safeParse({ judgeId: "j1", answers: "maybe" }).success).toBe(false);
    expect(judgeDeleteSchema.safeParse({ judgeId: "j1" }).success).toBe(false);
  });
});
