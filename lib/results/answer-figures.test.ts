import { describe, expect, it } from "vitest";
import { LABELS } from "@/lib/kinds";
import { answerFigures, type AnswerUnit } from "@/lib/results/answer-figures";

const unit = (system: string, answer: string, counts: number[], turn = 1): AnswerUnit => ({ system, answer, turn, counts });

describe("the figures of a study that judges one answer at a time", () => {
  // Counts in the kind's order: [fail, pass, excellent].
  const labels = { shape: "labels", categories: LABELS, turns: "one" } as const;
  const units = [unit("LIMA", "a1", [0, 1, 1]), unit("LIMA", "a2", [0, 0, 2]), unit("LIMA", "a3", [1, 1, 0])];

  it("counts each system's labels, with shares clustered by answer", () => {
    const [lima, alpaca] = answerFigures(labels, ["LIMA", "Alpaca"], units, [{ system: "LIMA", answers: 3, turns: 3 }], 2).systems;
    expect(lima.labels).toMatchObject({ answers: 3, labels: 6, excellent: 3, pass: 2, fail: 1 });
    expect(lima.labels!.intervals!.excellent.estimate).toBeCloseTo(0.5, 12);
    expect(lima.labels!.intervals!.passOrBetter.estimate).toBeCloseTo(5 / 6, 12);
    // A system nobody judged yet has a row with nothing in it.
    expect(alpaca.labels).toMatchObject({ answers: 0, labels: 0, intervals: null });
    // Three answers, each judged twice already: the study can give nothing more.
    expect(lima.precision).toMatchObject({ of: "pass or better", supply: 0, fewPrompts: true });
  });

  it("gives Fleiss' κ and Krippendorff's α (nominal) worked by hand", () => {
    // Observed agreement (0 + 1 + 0) / 3; chance (1/6)² + (1/3)² + (1/2)² = 14/36: κ = (12 − 14) / 22 = −1/11.
    // α: o_cc = 2 (the second answer), n = 6, n_c = 1, 2, 3: D_o = 2/3, D_e = 1 − 8/30; α = 1 − (2/3)/(22/30) = 1/11.
    const { agreement } = answerFigures(labels, ["LIMA"], units, [], 2);
    expect(agreement.fleiss.value).toBeCloseTo(-1 / 11, 12);
    expect(agreement.fleiss.items).toBe(3);
    expect(agreement.alpha.nominal.value).toBeCloseTo(1 / 11, 12);
    expect(agreement.alpha.ordinal).toBeUndefined();
  });

  it("gives a scale's agreement nominal, ordinal and interval, worked by hand", () => {
    // Scores 1 and 2 on one answer, 3 and 3 on another, on a 1–3 scale.
    const scores = { shape: "scores", scale: { min: 1, max: 3 } } as const;
    const figures = answerFigures(scores, ["LIMA"], [unit("LIMA", "a1", [1, 1, 0]), unit("LIMA", "a2", [0, 0, 2])], [{ system: "LIMA", answers: 2, turns: 2 }], 2);
    // n_1 = 1, n_2 = 1, n_3 = 2; D_o = 2·δ²(1,2) / 4.
    // Interval: δ² = (c − k)²: D_e = (2·1 + 2·2·4 + 2·2·1) / 12 = 22/12, D_o = 1/2: α = 8/11.
    expect(figures.agreement.alpha.interval!.value).toBeCloseTo(8 / 11, 12);
    // Ordinal: δ²(1,2) = (2 − 1)², δ²(1,3) = (4 − 1.5)², δ²(2,3) = (3 − 1.5)²: D_e = (2 + 25 + 9) / 12 = 3: α = 1 − (1/2)/3 = 5/6.
    expect(figures.agreement.alpha.ordinal!.value).toBeCloseTo(5 / 6, 12);
    // Fleiss: observed (0 + 1) / 2, chance ¼² + ¼² + ½² = 3/8: κ = (1/2 − 3/8) / (5/8) = 1/5.
    expect(figures.agreement.fleiss.value).toBeCloseTo(0.2, 12);

    const [lima] = figures.systems;
    // Answer means 1.5 and 3: mean 2.25, and a t interval on one degree of freedom far wider than the scale, kept within it.
    expect(lima.scores).toMatchObject({ answers: 2, scores: 4, distribution: [1, 1, 2] });
    expect(lima.scores!.mean).toMatchObject({ estimate: 2.25, lower: 1, upper: 3, n: 2 });
    // Resampling two answer means gives 1.5, 2.25 or 3.
    expect(lima.scores!.bootstrap).toMatchObject({ estimate: 2.25, lower: 1.5, upper: 3 });
    expect(lima.precision.of).toBe("mean score");
  });

  it("counts a conversation's labels over all its turns and turn by turn", () => {
    const turns = { shape: "labels", categories: LABELS, turns: "each" } as const;
    const conversation = [unit("LIMA", "c1", [0, 0, 2], 1), unit("LIMA", "c1", [0, 2, 0], 2), unit("LIMA", "c2", [0, 0, 2], 1), unit("LIMA", "c2", [2, 0, 0], 2)];
    const [lima] = answerFigures(turns, ["LIMA"], conversation, [{ system: "LIMA", answers: 2, turns: 4 }], 2).systems;
    expect(lima.labels).toMatchObject({ answers: 2, labels: 8, excellent: 4, pass: 2, fail: 2 });
    expect(lima.byTurn.map(({ turn, excellent, pass, fail }) => [turn, excellent, pass, fail])).toEqual([
      [1, 4, 0, 0],
      [2, 0, 2, 2],
    ]);
    // Every turn's two labels agree.
    expect(answerFigures(turns, ["LIMA"], conversation, [], 2).agreement.fleiss.observed).toBe(1);
  });

  it("plans a mean's precision on its whole t interval, not the part the scale keeps, and shows the mean of a single answer", () => {
    const scores = { shape: "scores", scale: { min: 1, max: 6 } } as const;
    // Answer means 6 (six times), 5 and 4: mean 5.625, s = 0.744024, t(0.975, 7) = 2.364624 (tables): ±0.6220.
    const units = [6, 6, 6, 6, 6, 6, 5, 4].map((score, i) => unit("LIMA", `a${i}`, [1, 2, 3, 4, 5, 6].map((value) => (value === score ? 1 : 0))));
    const [lima, gpt] = answerFigures(scores, ["LIMA", "GPT-4"], [...units, unit("GPT-4", "b", [0, 0, 0, 1, 0, 0])], [], 1).systems;
    expect(lima.scores!.mean!.upper).toBe(6);
    expect(lima.precision.halfWidth).toBeCloseTo(0.622, 3);
    expect(lima.precision.additional).toBeGreaterThan(0);
    expect(gpt.scores).toMatchObject({ answers: 1, average: 4, mean: null, halfWidth: Infinity });
  });
});
