import { describe, expect, it } from "vitest";
import { DEMO_MARKER, demoResponse } from "./demo-responses";

describe("demoResponse", () => {
  it("marks every response as placeholder text and names no system", () => {
    for (let prompt = 1; prompt <= 300; prompt++) {
      for (let system = 0; system < 6; system++) {
        const text = demoResponse(prompt, system);
        expect(text.startsWith(DEMO_MARKER)).toBe(true);
        expect(text).not.toMatch(/LIMA|Alpaca|DaVinci|Bard|Claude|GPT/);
      }
    }
  });

  it("is the same on every seed, and differs between systems", () => {
    expect(demoResponse(7, 2)).toBe(demoResponse(7, 2));
    expect(new Set([0, 1, 2, 3, 4, 5].map((system) => demoResponse(7, system))).size).toBeGreaterThan(1);
  });

  it("repeats no paragraph within a response", () => {
    for (let prompt = 1; prompt <= 50; prompt++) {
      const paragraphs = demoResponse(prompt, 1).split("\n\n");
      expect(new Set(paragraphs).size).toBe(paragraphs.length);
    }
  });
});
