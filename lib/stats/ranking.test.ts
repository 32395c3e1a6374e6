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

// Must equal PROMPTS in reference/ranking.py: per prompt, [a, b, a wins, b wins, ties]. Four
// systems in a design with a cycle, ties, and prompts judging some pairs several times.
const PROMPTS: [string, string, number, number, number][][] = [
  [["A", "B", 2, 0, 1], ["A", "C", 1, 1, 0], ["B", "C", 0, 1, 1]],
  [["A", "B", 1, 1, 0], ["C", "D", 2, 1, 0]],
  [["A", "B", 0, 2, 0], ["A", "C", 2, 0, 0], ["B", "C", 1, 0, 0], ["C", "D", 0, 1, 1]],
  [["A", "C", 1, 0, 2], ["B", "C", 0, 2, 0]],
  [["A", "B", 3, 0, 0], ["C", "D", 1, 1, 1]],
  [["A", "B", 0, 1, 1], ["A", "C", 0, 1, 0], ["B", "C", 1, 1, 0], ["C", "D", 2, 0, 0]],
  [["A", "C", 2, 1, 0], ["C", "D", 0, 2, 0]],
  [["A", "B", 1, 0, 0], ["B", "C", 2, 0, 1]],
  [["A", "B", 1, 2, 0], ["A", "C", 1, 0, 0], ["C", "D", 1, 0, 2]],
  [["B", "C", 0, 0, 2], ["C", "D", 3, 0, 0]],
  [["A", "B", 2, 1, 0], ["A", "C", 0, 0, 1], ["B", "C", 1, 2, 0]],
  [["A", "C", 1, 2, 0], ["C", "D", 1, 2, 0]],
];
const asComparisons = (rows: typeof PROMPTS) => rows.map((prompt) => prompt.map(([a, b, aWins, bWins, ties]) => ({ a, b, aWins, bWins, ties })));

describe("rankSystems", () => {
  it("ranks the system that wins most first, with intervals around each estimate", () => {
    const ranking = rankSystems(prompts())!;
    expect(ranking.systems[0].system).toBe("A");
    expect(ranking.systems.map((s) => s.rank)).toEqual([1, 2, 3]);
    for (const { logStrength } of ranking.systems) {
      expect(logStrength.lower).toBeLessThan(logStrength.estimate);
      expect(logStrength.upper).toBeGreaterThan(logStrength.estimate);
    }
    expect(ranking).toMatchObject({ comparisons: 120, prompts: 40, level: 0.95 });
  });

  it("gives statsmodels' intervals: a binomial GLM clustered by prompt, CR1, t(G − 1)", () => {
    // From reference/ranking.py (statsmodels 0.13.5); the fit stops at 1e-10 of each system's
    // judgments, hence 8 digits.
    const statsmodels: Record<string, [number, number, number]> = {
      A: [0.3217263938, -0.0963612017, 0.7398139894],
      B: [-0.0536245106, -0.7291732386, 0.6219242174],
      C: [0.0097900946, -0.4494321984, 0.4690123877],
      D: [-0.2778919778, -1.0291971594, 0.4734132037],
    };
    const ranking = rankSystems(asComparisons(PROMPTS))!;
    expect(ranking.systems.map((s) => s.system)).toEqual(["A", "C", "B", "D"]);
    for (const { system, logStrength } of ranking.systems) {
      const [estimate, lower, upper] = statsmodels[system];
      expect(logStrength.estimate).toBeCloseTo(estimate, 8);
      expect(logStrength.lower).toBeCloseTo(lower, 8);
      expect(logStrength.upper).toBeCloseTo(upper, 8);
    }
    expect(ranking).toMatchObject({ comparisons: 71, prompts: 12 });
  });

  it("gives the same intervals whatever order the prompts and pairs come in", () => {
    const forward = rankSystems(asComparisons(PROMPTS))!;
    const backward = rankSystems(asComparisons(PROMPTS.map((prompt) => [...prompt].reverse()).reverse()))!;
    forward.systems.forEach((system, i) => {
      expect(backward.systems[i].system).toBe(system.system);
      expect(backward.systems[i].logStrength.lower).toBeCloseTo(system.logStrength.lower, 12);
      expect(backward.systems[i].logStrength.upper).toBeCloseTo(system.logStrength.upper, 12);
    });
  });

  it("narrows the interval with the level", () => {
    const wide = rankSystems(prompts(), { level: 0.99 })!.systems[0].logStrength;
    const narrow = rankSystems(prompts(), { level: 0.5 })!.systems[0].logStrength;
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
    expect(() => rankSystems(prompts(), { level: 1 })).toThrow(RangeError);
  });

  it("gives systems judged exactly alike one rank (1, 2, 2, 4) and the same interval", () => {
    // LIMA against three baselines over 30 prompts; Claude's and Bard's verdicts are the same on every prompt.
    const data: Comparison[][] = Array.from({ length: 30 }, (_, i) => [
      { a: "LIMA", b: "GPT-4", aWins: i % 5 === 0 ? 1 : 0, bWins: i % 5 === 0 ? 0 : 1, ties: 0 },
      { a: "LIMA", b: "Claude", aWins: i % 4 === 0 ? 1 : 0, bWins: i % 4 >= 2 ? 1 : 0, ties: i % 4 === 1 ? 1 : 0 },
      { a: "LIMA", b: "Bard", aWins: i % 4 === 0 ? 1 : 0, bWins: i % 4 >= 2 ? 1 : 0, ties: i % 4 === 1 ? 1 : 0 },
    ]);
    const ranking = rankSystems(data)!;
    expect(ranking.systems.map(({ system, rank }) => [rank, system])).toEqual([
      [1, "GPT-4"],
      [2, "Bard"],
      [2, "Claude"],
      [4, "LIMA"],
    ]);
    const [bard, claude] = [ranking.systems[1].logStrength, ranking.systems[2].logStrength];
    expect(bard.estimate).toBe(claude.estimate);
    expect(bard.lower).toBeCloseTo(claude.lower, 12);
    expect(bard.upper).toBeCloseTo(claude.upper, 12);
  });

  it("matches the closed form of LIMA's star design: s_baseline / s_target = (loss + tie/2) / (win + tie/2)", () => {
    // Figure 1's Alpaca 65B row, as 300 single-judgment prompts: 159 wins, 63 ties, 78 losses.
    const data: Comparison[][] = [
      ...Array.from({ length: 159 }, () => [{ a: "LIMA", b: "Alpaca", aWins: 1, bWins: 0, ties: 0 }]),
      ...Array.from({ length: 63 }, () => [{ a: "LIMA", b: "Alpaca", aWins: 0, bWins: 0, ties: 1 }]),
      ...Array.from({ length: 78 }, () => [{ a: "LIMA", b: "Alpaca", aWins: 0, bWins: 1, ties: 0 }]),
    ];
    const ranking = rankSystems(data)!;
    const [lima, alpaca] = ranking.systems.map((s) => s.logStrength.estimate);
    expect(alpaca - lima).toBeCloseTo(Math.log((78 + 31.5) / (159 + 31.5)), 6);
  });

  it("has no ranking without comparisons, or with one prompt (nothing to measure its spread by)", () => {
    expect(rankSystems([])).toBeNull();
    expect(rankSystems([[{ a: "A", b: "B", aWins: 2, bWins: 1, ties: 0 }]])).toBeNull();
    // A prompt without judgments is no cluster.
    expect(rankSystems([[{ a: "A", b: "B", aWins: 2, bWins: 1, ties: 0 }], [{ a: "A", b: "B", aWins: 0, bWins: 0, ties: 0 }]])).toBeNull();
  });
});
