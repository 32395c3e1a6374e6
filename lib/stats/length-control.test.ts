import { describe, expect, it } from "vitest";
import { lengthControlledWinRate, lengthEffect, type PairLengths } from "./length-control";
import { seededRandom } from "@/lib/random";
import { wilsonInterval } from "./wilson";

// The same 41 pairs as lib/stats/reference/length-control.py: target length, baseline length,
// wins, ties, losses.
const ROWS: [number, number, number, number, number][] = [
  [1693, 1140, 3, 1, 0], [1450, 2137, 1, 0, 2], [2718, 1690, 2, 0, 1], [1227, 1843, 2, 0, 2],
  [662, 683, 0, 1, 0], [116, 346, 0, 0, 1], [1797, 2133, 4, 0, 1], [2920, 2347, 1, 0, 0],
  [886, 914, 1, 0, 1], [596, 709, 0, 0, 5], [847, 595, 1, 2, 2], [2919, 2245, 0, 1, 1],
  [616, 236, 2, 1, 0], [1531, 560, 1, 0, 0], [2013, 2116, 1, 2, 2], [1623, 2175, 1, 0, 2],
  [1574, 653, 1, 0, 1], [1667, 1084, 2, 0, 2], [3511, 1349, 2, 0, 2], [1397, 1582, 1, 0, 1],
  [2889, 1857, 2, 1, 2], [474, 650, 2, 1, 2], [3919, 1063, 0, 0, 1], [782, 1364, 1, 0, 3],
  [2794, 2075, 2, 2, 1], [857, 2061, 0, 1, 2], [2527, 1866, 4, 0, 1], [1473, 1480, 1, 0, 1],
  [745, 484, 1, 0, 0], [3373, 1138, 2, 0, 1], [4800, 2342, 3, 0, 1], [2477, 2326, 1, 1, 1],
  [1634, 1085, 0, 2, 1], [466, 367, 1, 1, 1], [1703, 1551, 1, 1, 1], [1888, 1552, 0, 0, 1],
  [1940, 1685, 1, 1, 1], [407, 336, 2, 2, 0], [1263, 356, 2, 1, 1], [3946, 2150, 2, 0, 1],
  [900, 900, 1, 0, 2],
];
const PAIRS: PairLengths[] = ROWS.map(([targetLength, baselineLength, wins, ties, losses]) => ({ targetLength, baselineLength, wins, ties, losses }));

const pair = (targetLength: number, baselineLength: number, wins: number, losses: number, ties = 0): PairLengths => ({ targetLength, baselineLength, wins, ties, losses });

describe("lengthEffect", () => {
  // Printed by `/usr/bin/python3 lib/stats/reference/length-control.py` (statsmodels 0.13.5,
  // Debian's python3-statsmodels: a grouped Binomial GLM, checked there against Logit on one
  // row per judgment; the interval is statsmodels' conf_int of the intercept, through σ).
  it("fits the same logistic regression as statsmodels' Binomial GLM", () => {
    const { lengthControlled } = lengthEffect(PAIRS);
    if (!lengthControlled?.ok) throw new Error(`no fit: ${JSON.stringify(lengthControlled)}`);
    expect(lengthControlled.intercept.estimate).toBeCloseTo(-0.124848575212, 10);
    expect(lengthControlled.intercept.se).toBeCloseTo(0.215774344537, 10);
    expect(lengthControlled.slope.estimate).toBeCloseTo(0.998553672267, 10);
    expect(lengthControlled.slope.se).toBeCloseTo(0.414982718864, 10);
    expect(lengthControlled.winRate.estimate).toBeCloseTo(0.46882833551, 10);
    expect(lengthControlled.winRate.lower).toBeCloseTo(0.366384605831, 10);
    expect(lengthControlled.winRate.upper).toBeCloseTo(0.573968534063, 10);
    // The pair judged only as a tie is not among the fit's pairs.
    expect(lengthControlled).toMatchObject({ judgments: 106, pairs: 40 });
  });

  it("counts how often the longer answer won, leaving ties and pairs of equal lengths out", () => {
    const { longerAnswerWon } = lengthEffect(PAIRS);
    // statsmodels' script counts the same: 64 of 103.
    expect(longerAnswerWon).toEqual({ decided: 103, longerWon: 64, share: wilsonInterval(64, 103), equalLength: 3 });
    expect(longerAnswerWon.share!.estimate).toBeCloseTo(0.621359223301, 12);
    // The plain win share of the 106 decided judgments, equal lengths included: what length control adjusts.
    const wins = ROWS.reduce((sum, row) => sum + row[2], 0);
    expect(lengthEffect(PAIRS).decidedWinShare).toEqual(wilsonInterval(wins, 106));
  });

  it("is unchanged by ties, and by the order the pairs come in", () => {
    const result = lengthEffect(PAIRS);
    expect(lengthEffect(PAIRS.map((p) => ({ ...p, ties: 0 })))).toEqual(result);
    expect(lengthEffect(PAIRS.map((p) => ({ ...p, ties: p.ties + 7 })))).toEqual(result);
    expect(lengthEffect([...PAIRS].reverse())).toEqual(result);
  });

  it("gives the same fit on one row per judgment as on one row per pair", () => {
    const perJudgment = PAIRS.flatMap((p) => [...Array<PairLengths>(p.wins).fill({ ...p, wins: 1, ties: 0, losses: 0 }), ...Array<PairLengths>(p.losses).fill({ ...p, wins: 0, ties: 0, losses: 1 })]);
    const grouped = lengthEffect(PAIRS).lengthControlled;
    const expanded = lengthEffect(perJudgment).lengthControlled;
    if (!grouped?.ok || !expanded?.ok) throw new Error("no fit");
    expect(expanded.intercept.estimate).toBeCloseTo(grouped.intercept.estimate, 10);
    expect(expanded.slope.se).toBeCloseTo(grouped.slope.se, 10);
    expect(expanded.judgments).toBe(grouped.judgments);
  });

  it("has nothing to say without a decided judgment", () => {
    const none = { decidedWinShare: null, longerAnswerWon: { decided: 0, longerWon: 0, share: null, equalLength: 0 }, lengthControlled: null };
    expect(lengthEffect([])).toEqual(none);
    expect(lengthEffect([pair(300, 100, 0, 0, 4), pair(100, 300, 0, 0, 1)])).toEqual(none);
  });

  it("gives a reason, not a number, when every pair has the same length ratio", () => {
    // 200/100 and 400/200 are the same ratio, so the same x exactly.
    expect(lengthEffect([pair(200, 100, 3, 1), pair(400, 200, 1, 2)]).lengthControlled).toEqual({ ok: false, reason: "no-length-variation", lengthRatio: 2, judgments: 7, pairs: 2 });
    const equal = lengthEffect([pair(500, 500, 2, 1), pair(80, 80, 1, 1, 3)]);
    expect(equal.lengthControlled).toEqual({ ok: false, reason: "no-length-variation", lengthRatio: 1, judgments: 5, pairs: 2 });
    expect(equal.longerAnswerWon).toEqual({ decided: 0, longerWon: 0, share: null, equalLength: 5 });
  });

  it("gives a reason, not a number, when length separates wins from losses", () => {
    const separated = (pairs: PairLengths[]) => lengthEffect(pairs).lengthControlled;
    // Won them all: the intercept has no finite estimate, whatever the lengths.
    expect(separated([pair(300, 100, 2, 0), pair(100, 300, 1, 0)])).toMatchObject({ ok: false, reason: "separation" });
    // Won every pair where it was longer, lost every one where it was shorter.
    expect(separated([pair(300, 100, 2, 0, 1), pair(200, 100, 1, 0), pair(100, 300, 0, 3)])).toEqual({ ok: false, reason: "separation", judgments: 6, pairs: 3 });
    // Quasi-complete: wins and losses meet at one ratio, but none lies beyond it on the wrong side.
    expect(separated([pair(100, 100, 1, 1), pair(300, 100, 2, 0), pair(100, 300, 0, 2)])).toMatchObject({ ok: false, reason: "separation" });
    // The reverse way round (shorter won) is separated too.
    expect(separated([pair(100, 300, 2, 0), pair(300, 100, 0, 1)])).toMatchObject({ ok: false, reason: "separation" });
  });

  it("reads the rate at equal lengths, x = 0", () => {
    // Mirror-image pairs: by symmetry a = 0, so σ(a) = ½, and two ratios with two parameters fit exactly.
    const result = lengthEffect([pair(200, 100, 3, 1), pair(100, 200, 1, 3)]).lengthControlled;
    if (!result?.ok) throw new Error("no fit");
    expect(result.winRate.estimate).toBeCloseTo(0.5, 12);
    // With x = ±ln 2 and share ¾ at +ln 2: b = logit(¾) / ln 2 = ln 3 / ln 2.
    expect(result.slope.estimate).toBeCloseTo(Math.log(3) / Math.log(2), 10);
    expect(result.winRate.lower).toBeLessThan(0.5);
    expect(result.winRate.upper).toBeGreaterThan(0.5);
  });

  it("widens the interval with the level", () => {
    const at = (level: number) => lengthControlledWinRate([{ x: -1, wins: 2, losses: 5 }, { x: 0.5, wins: 6, losses: 4 }, { x: 1, wins: 5, losses: 1 }], level);
    const ninety = at(0.9);
    const ninetyNine = at(0.99);
    if (!ninety?.ok || !ninetyNine?.ok) throw new Error("no fit");
    expect(ninetyNine.winRate.lower).toBeLessThan(ninety.winRate.lower);
    expect(ninetyNine.winRate.upper).toBeGreaterThan(ninety.winRate.upper);
    expect(ninetyNine.winRate.estimate).toBe(ninety.winRate.estimate);
  });

  it("converges on study-sized data, where the last steps are below the rounding of the likelihood", () => {
    // 240 pairs of one or two decided judgments, as a baseline of the demo's simulated study has:
    // the stopping rule once stalled on such data, the gains of its last steps lost in rounding.
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const groups = Array.from({ length: 240 }, () => {
        const x = 2.2 * random() - 1.1;
        const n = random() < 0.05 ? 2 : 1;
        const wins = Array.from({ length: n }, () => (random() < 0.55 ? 1 : 0)).reduce<number>((sum, w) => sum + w, 0);
        return { x, wins, losses: n - wins };
      });
      expect(lengthControlledWinRate(groups)?.ok).toBe(true);
    }
  });

  it("refuses lengths and counts that cannot be", () => {
    expect(() => lengthEffect([pair(0, 100, 1, 0)])).toThrow(RangeError);
    expect(() => lengthEffect([pair(100, 2.5, 1, 0)])).toThrow(RangeError);
    expect(() => lengthEffect([pair(100, 200, -1, 0)])).toThrow(RangeError);
    expect(() => lengthControlledWinRate([{ x: Number.NaN, wins: 1, losses: 1 }])).toThrow(RangeError);
  });
});
