import { describe, expect, it } from "vitest";
import type { Comparison } from "./bradley-terry";
import { rankSystems } from "./ranking";

// 40 prompts, each comparing A with B and with C, and B with C: A usually beats both.
function prompts(): Comparison[][] {
  return Array.from({ length: 40 }, (_, i) => [
    { a: "A", b: "B", aWins: i % 4 === 0 ? 0 : 1, bWins: i % 4 === 0 ? 1 : 0, ties: 0 },
    { a: "A", b: "C", aWins: i % 5 === 0 ? 0 : 1, bWins: 0, ties: i % 5 === 0 ? 1 : 0 },
    { a: "B", b: "C", aWins: i % 2, bWins: 1 - (i % 2), ties: 0 },
  ]);
}

describe("rankSystems", () => {
  it("ranks the system that wins most first, with intervals around each estimate", () => {
    const ranking = rankSystems(prompts())!;
    expect(ranking.systems[0].system).toBe("A");
    for (const { logStrength } of ranking.systems) {
      expect(logStrength.lower).toBeLessThanOrEqual(logStrength.estimate);
      expect(logStrength.upper).toBeGreaterThanOrEqual(logStrength.estimate);
    }
    expect(ranking.comparisons).toBe(120);
  });

  it("gives the same intervals for the same seed", () => {
    expect(rankSystems(prompts(), { seed: 7 })).toEqual(rankSystems(prompts(), { seed: 7 }));
  });

  it("matches the closed form of LIMA's star design: s_baseline / s_target = (loss + tie/2) / (win + tie/2)", () => {
    // Figure 1's Alpaca 65B row, as 300 single-judgment prompts: 159 wins, 63 ties, 78 losses.
    const data: Comparison[][] = [
      ...Array.from({ length: 159 }, () => [{ a: "LIMA", b: "Alpaca", aWins: 1, bWins: 0, ties: 0 }]),
      ...Array.from({ length: 63 }, () => [{ a: "LIMA", b: "Alpaca", aWins: 0, bWins: 0, ties: 1 }]),
      ...Array.from({ length: 78 }, () => [{ a: "LIMA", b: "Alpaca", aWins: 0, bWins: 1, ties: 0 }]),
    ];
    const ranking = rankSystems(data, { resamples: 50 })!;
    const [lima, alpaca] = ranking.systems.map((s) => s.logStrength.estimate);
    expect(alpaca - lima).toBeCloseTo(Math.log((78 + 31.5) / (159 + 31.5)), 6);
  });

  it("has no ranking without comparisons", () => {
    expect(rankSystems([])).toBeNull();
  });
});
