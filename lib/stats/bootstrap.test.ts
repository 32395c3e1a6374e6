import { describe, expect, it } from "vitest";
import type { Verdict } from "@/lib/assign/policy";
import { seededRandom } from "@/lib/random";
import { bootstrapShares, bootstrapSharesOfKinds, quantile } from "./bootstrap";
import { wilsonInterval } from "./wilson";

/** n clusters of `size` verdicts: wins, ties and losses dealt round-robin in the given numbers. */
function clusters(wins: number, ties: number, losses: number, size = 1): Verdict[][] {
  const all: Verdict[] = [
    ...Array<Verdict>(wins).fill("win"),
    ...Array<Verdict>(ties).fill("tie"),
    ...Array<Verdict>(losses).fill("loss"),
  ];
  const out: Verdict[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

describe("bootstrapShares", () => {
  // LIMA vs Alpaca 65B in Figure 1: 53 / 21 / 26 % of 300 judgments.
  const lima = clusters(159, 63, 78);

  it("gives the same interval for the same seed; another seed moves it by Monte Carlo error only", () => {
    const a = bootstrapShares(lima, { seed: 7 })!;
    expect(bootstrapShares(lima, { seed: 7 })).toEqual(a);
    // Ends sit on the k/300 grid, so another seed often lands on the very same values.
    const b = bootstrapShares(lima, { seed: 8 })!;
    expect(b.seed).toBe(8);
    for (const key of ["win", "tie", "loss", "equalOrBetter"] as const) {
      expect(Math.abs(b[key].lower - a[key].lower)).toBeLessThan(0.01);
      expect(Math.abs(b[key].upper - a[key].upper)).toBeLessThan(0.01);
    }
  });

  it("has the pooled shares as estimates, each inside its interval", () => {
    const r = bootstrapShares(lima)!;
    expect(r.win.estimate).toBeCloseTo(0.53, 14);
    expect(r.tie.estimate).toBeCloseTo(0.21, 14);
    expect(r.loss.estimate).toBeCloseTo(0.26, 14);
    expect(r.equalOrBetter.estimate).toBeCloseTo(0.74, 14);
    for (const i of [r.win, r.tie, r.loss, r.equalOrBetter]) {
      expect(i.lower).toBeLessThan(i.estimate);
      expect(i.upper).toBeGreaterThan(i.estimate);
    }
    expect(r).toMatchObject({ clusters: 300, judgments: 300, resamples: 2000, level: 0.95 });
  });

  it("with one judgment per cluster and large n, approaches the Wilson interval", () => {
    // 4,000 judgments, 50% wins: Wilson (≈ Wald) 0.5 ± 1.96·√(0.25/4000) = 0.5 ± 0.0155.
    const r = bootstrapShares(clusters(2000, 800, 1200), { seed: 3, resamples: 4000 })!;
    const wilson = wilsonInterval(2000, 4000)!;
    expect(Math.abs(r.win.lower - wilson.lower)).toBeLessThan(0.002);
    expect(Math.abs(r.win.upper - wilson.upper)).toBeLessThan(0.002);
    const wilsonTie = wilsonInterval(800, 4000)!;
    expect(Math.abs(r.tie.lower - wilsonTie.lower)).toBeLessThan(0.002);
    expect(Math.abs(r.tie.upper - wilsonTie.upper)).toBeLessThan(0.002);
  });

  it("widens when raters of a prompt agree: resampling prompts, not judgments", () => {
    // Same 53/21/26 shares, but each prompt's 3 raters give the same verdict.
    const together = clusters(159, 63, 78).map((c) => [c[0], c[0], c[0]]);
    const perJudgment = together.flat().map((v) => [v]);
    const clustered = bootstrapShares(together)!;
    const independent = bootstrapShares(perJudgment)!;
    expect(clustered.win.upper - clustered.win.lower).toBeGreaterThan(1.5 * (independent.win.upper - independent.win.lower));
  });

  it("ignores empty clusters and is null without any judgment", () => {
    expect(bootstrapShares([])).toBeNull();
    expect(bootstrapShares([[], []])).toBeNull();
    expect(bootstrapShares([["win"], [], ["loss"]])!.clusters).toBe(2);
  });

  it("draws resamples as the definition does: prompts picked one by one with replacement give the same interval", () => {
    // Prompts of 1 to 4 raters with mixed verdicts; the textbook resampler, written out here,
    // picks c prompts uniformly with replacement and takes the pooled win share of each resample.
    const random = seededRandom(99);
    const verdicts: Verdict[] = ["win", "tie", "loss"];
    const prompts = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => verdicts[Math.floor(random() * 3)]));
    const resamples = 20_000;
    const shares = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++) {
      let wins = 0;
      let n = 0;
      for (let i = 0; i < prompts.length; i++) {
        const prompt = prompts[Math.floor(random() * prompts.length)];
        wins += prompt.filter((v) => v === "win").length;
        n += prompt.length;
      }
      shares[b] = wins / n;
    }
    shares.sort();
    const ours = bootstrapShares(prompts, { resamples })!;
    expect(Math.abs(ours.win.lower - quantile(shares, 0.025))).toBeLessThan(0.002);
    expect(Math.abs(ours.win.upper - quantile(shares, 0.975))).toBeLessThan(0.002);
  });

  it("gives the same interval from kinds of prompts, in any order, as from the prompts themselves", () => {
    const kinds = [
      { wins: 2, ties: 1, losses: 0, prompts: 40 },
      { wins: 0, ties: 0, losses: 3, prompts: 25 },
      { wins: 1, ties: 1, losses: 1, prompts: 35 },
    ];
    const prompts = kinds.flatMap((kind) =>
      Array.from({ length: kind.prompts }, () => [
        ...Array<Verdict>(kind.wins).fill("win"),
        ...Array<Verdict>(kind.ties).fill("tie"),
        ...Array<Verdict>(kind.losses).fill("loss"),
      ]),
    );
    const fromPrompts = bootstrapShares(prompts, { seed: 3 });
    expect(bootstrapSharesOfKinds(kinds, { seed: 3 })).toEqual(fromPrompts);
    expect(bootstrapSharesOfKinds([...kinds].reverse(), { seed: 3 })).toEqual(fromPrompts);
    expect(fromPrompts).toMatchObject({ clusters: 100, judgments: 300 });
    expect(() => bootstrapSharesOfKinds([{ wins: 1, ties: 0, losses: 0, prompts: -1 }])).toThrow(RangeError);
  });
});
