import { describe, expect, it } from "vitest";
import { KIND_NAMES, KINDS } from "@/lib/kinds";

describe("the registry of study kinds", () => {
  it("has every kind, each under its own name", () => {
    expect(Object.keys(KINDS).sort()).toEqual([...KIND_NAMES].sort());
    for (const name of KIND_NAMES) expect(KINDS[name].kind).toBe(name);
  });

  it("gives every kind its own wording for raters and forms", () => {
    for (const field of ["label", "choice", "heading", "raterTitle", "instructions"] as const) {
      expect(new Set(KIND_NAMES.map((name) => KINDS[name][field])).size).toBe(KIND_NAMES.length);
    }
  });

  it("never tells a single-answer study's raters to choose between two answers", () => {
    for (const name of KIND_NAMES.filter((kind) => kind !== "pairwise")) {
      expect(KINDS[name].instructions).not.toMatch(/Answer A|Answer B|two answers/);
      expect(KINDS[name].raterTitle).not.toMatch(/two answers/);
      expect(KINDS[name].item.one).not.toBe("pair");
    }
    expect(KINDS.absolute.instructions).toMatch(/\*\*Fail\*\*.*\n.*\*\*Pass\*\*.*\n.*\*\*Excellent\*\*/);
    expect(KINDS.likert.instructions).toContain("**1 (not helpful)** to **6 (highly helpful)**");
  });
});
