import { describe, expect, it } from "vitest";
import { LABELS } from "@/lib/kinds";
import { answersFromJudgments, meanOfCounts, type AnswerRecords } from "@/lib/results/answers-from-judgments";

const judgment = (pairId: string, rater: string, values: Partial<AnswerRecords["judgments"][number]>, timeOnTaskMs = 1000, excluded = false) => ({
  pairId,
  rater,
  label: null,
  score: null,
  turnLabels: [],
  excluded,
  timeOnTaskMs,
  ...values,
});

describe("the figures of a study of one answer at a time, from a bundle's records", () => {
  it("counts labels per turn on ordinary answers by raters not excluded, and what each system can still give", () => {
    const records: AnswerRecords = {
      kind: "multiturn",
      measure: { shape: "labels", categories: LABELS, turns: "each" },
      systems: ["LIMA", "Alpaca"],
      judgmentsPerPair: 2,
      responses: [{ id: "r1", turns: ["a", "b", "c"] }, { id: "r2", turns: null }, { id: "r3", turns: ["a", "b"] }],
      pairs: [
        { id: "p1", target: "LIMA", targetResponseId: "r1", goldVerdict: null },
        { id: "p2", target: "Alpaca", targetResponseId: "r2", goldVerdict: null },
        { id: "p3", target: "LIMA", targetResponseId: "r3", goldVerdict: "win" },
      ],
      judgments: [
        judgment("p1", "rater-b", { turnLabels: ["pass", "fail", "excellent"] }, 1000),
        judgment("p1", "rater-a", { turnLabels: ["pass", "pass", "pass"] }, 4000, true),
        judgment("p2", "rater-a", { turnLabels: ["fail"] }, 2000, true),
        judgment("p2", "rater-b", { turnLabels: ["excellent"] }, 3001),
        judgment("p3", "rater-c", { turnLabels: ["pass", "pass"] }, 500),
      ],
    };
    const { answers, raters } = answersFromJudgments(records);
    const [lima, alpaca] = answers.systems;
    // The excluded rater's labels and the gold answer's are left out.
    expect(lima.labels).toMatchObject({ answers: 1, labels: 3, excellent: 1, pass: 1, fail: 1 });
    expect(lima.byTurn.map((turn) => [turn.turn, turn.labels])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(alpaca.labels).toMatchObject({ answers: 1, labels: 1, excellent: 1 });
    // LIMA's one ordinary conversation has three turns, each to be labelled twice: 6, of which 3 are.
    expect(lima.precision.supply).toBe(3);
    // Raters on ordinary answers only, excluded ones too; most judgments first, then by pseudonym.
    expect(raters).toEqual([
      { rater: "rater-a", excluded: true, judgments: 2, medianSeconds: 3, counts: [1, 3, 0], meanScore: null },
      { rater: "rater-b", excluded: false, judgments: 2, medianSeconds: 2.0005, counts: [1, 1, 2], meanScore: null },
    ]);
  });

  it("averages a rater's scores on the study's scale", () => {
    const records: AnswerRecords = {
      kind: "likert",
      measure: { shape: "scores", scale: { min: 0, max: 4 } },
      systems: ["LIMA"],
      judgmentsPerPair: 1,
      responses: [{ id: "r1" }, { id: "r2" }],
      pairs: [
        { id: "p1", target: "LIMA", targetResponseId: "r1", goldVerdict: null },
        { id: "p2", target: "LIMA", targetResponseId: "r2", goldVerdict: null },
      ],
      judgments: [judgment("p1", "rater-z", { score: 0 }, 10), judgment("p2", "rater-z", { score: 3 }, 20), judgment("p1", "rater-y", { score: 4 }, 30)],
    };
    const { answers, raters } = answersFromJudgments(records);
    expect(answers.systems[0].scores).toMatchObject({ answers: 2, scores: 3, distribution: [1, 0, 0, 1, 1] });
    expect(raters.map(({ rater, meanScore, medianSeconds }) => [rater, meanScore, medianSeconds])).toEqual([
      ["rater-z", 1.5, 0.015],
      ["rater-y", 4, 0.03],
    ]);
    expect(meanOfCounts(["1", "2"], [0, 0])).toBeNull();
  });
});
