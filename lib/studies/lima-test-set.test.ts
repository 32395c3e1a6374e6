import { describe, expect, it } from "vitest";
import { readLimaTestSet } from "./lima-test-set";

describe("readLimaTestSet", () => {
  const prompts = readLimaTestSet();

  it("holds the paper's 300 unique prompts", () => {
    expect(prompts).toHaveLength(300);
    expect(new Set(prompts.map((p) => p.text)).size).toBe(300);
    expect(prompts.every((p) => p.text.length >= 10)).toBe(true);
  });

  it("tags the likely split: 230 author-written, then 70 Reddit titles", () => {
    expect(prompts.filter((p) => p.source === "author-written")).toHaveLength(230);
    expect(prompts.filter((p) => p.source === "reddit-askreddit")).toHaveLength(70);
    expect(prompts[229].source).toBe("author-written");
    expect(prompts[230].source).toBe("reddit-askreddit");
  });

  it("numbers prompts by their line", () => {
    expect(prompts[0].externalId).toBe("1");
    expect(prompts[299].externalId).toBe("300");
    expect(prompts[2].text).toBe("Who are some eminent scholars of the Quechua language?");
  });
});
