import { describe, expect, it } from "vitest";
import { KIND_NAMES, KINDS, LIKERT_SCALE, ratingOptions } from "@/lib/kinds";
import { answerOf, judgmentSchema, ONE_ANSWER } from "@/lib/validation/judgment";

const assignmentId = "a1";
const issues = (input: unknown) => judgmentSchema.safeParse(input).error?.issues.map(({ path, message }) => ({ path, message }));

describe("a rater's answer, one union of every kind's", () => {
  it("takes each kind's answer with its kind named", () => {
    expect(judgmentSchema.parse({ assignmentId, kind: "pairwise", choice: "left" })).toEqual({ assignmentId, kind: "pairwise", choice: "left" });
    expect(judgmentSchema.parse({ assignmentId, kind: "absolute", label: "excellent" })).toEqual({ assignmentId, kind: "absolute", label: "excellent" });
    expect(judgmentSchema.parse({ assignmentId, kind: "likert", score: 4 })).toEqual({ assignmentId, kind: "likert", score: 4 });
    expect(judgmentSchema.parse({ assignmentId, kind: "multiturn", turnLabels: ["pass", "fail"], rationale: "  ok " })).toEqual({
      assignmentId,
      kind: "multiturn",
      turnLabels: ["pass", "fail"],
      rationale: "ok",
    });
  });

  it("names the field that is wrong and why", () => {
    expect(issues({ assignmentId, kind: "pairwise", choice: "up" })).toEqual([{ path: ["choice"], message: "must be left, right, neither or both_bad" }]);
    expect(issues({ assignmentId, kind: "absolute", label: "great" })).toEqual([{ path: ["label"], message: "must be fail, pass or excellent" }]);
    expect(issues({ assignmentId, kind: "likert", score: "4" })).toEqual([{ path: ["score"], message: "must be a whole number on the study's scale" }]);
    expect(issues({ assignmentId, kind: "likert", score: 2.5 })).toEqual([{ path: ["score"], message: "must be a whole number" }]);
    expect(issues({ assignmentId, kind: "multiturn", turnLabels: [] })).toEqual([{ path: ["turnLabels"], message: "must label at least one turn" }]);
    expect(issues({ assignmentId, kind: "multiturn", turnLabels: Array(101).fill("pass") })).toEqual([{ path: ["turnLabels"], message: "must be at most 100 labels" }]);
    expect(issues({ assignmentId, kind: "multiturn", turnLabels: ["pass", "great"] })).toEqual([{ path: ["turnLabels", 1], message: "must be fail, pass or excellent" }]);
    expect(issues({ assignmentId, choice: "left", rationale: "r".repeat(5001) })).toEqual([{ path: ["rationale"], message: "must be at most 5,000 characters" }]);
    expect(issues({ choice: "left" })?.map((issue) => issue.path)).toEqual([["assignmentId"]]);
    expect(issues({ assignmentId, kind: "ranking", choice: "left" })?.[0].path).toEqual(["kind"]);
  });

  it("keeps only the fields of the answer's kind", () => {
    expect(judgmentSchema.parse({ assignmentId, kind: "likert", score: 3, extra: true })).toEqual({ assignmentId, kind: "likert", score: 3 });
  });

  it("tells an answer's kind by its field when the kind is not named", () => {
    expect(judgmentSchema.parse({ assignmentId, choice: "neither" })).toEqual({ assignmentId, kind: "pairwise", choice: "neither" });
    expect(judgmentSchema.parse({ assignmentId, label: "pass" })).toMatchObject({ kind: "absolute" });
    expect(judgmentSchema.parse({ assignmentId, score: 6 })).toMatchObject({ kind: "likert" });
    expect(judgmentSchema.parse({ assignmentId, turnLabels: ["excellent"] })).toMatchObject({ kind: "multiturn" });
    expect(issues({ assignmentId, score: 101 })).toEqual([{ path: ["score"], message: "must be at most 100" }]);
    expect(answerOf({ assignmentId, label: "fail" })).toEqual({ assignmentId, kind: "absolute", label: "fail" });
  });

  it("refuses no answer, or the answers of two kinds, as before kinds were named", () => {
    const refused = [{ path: ["choice"], message: "give one of a choice (left, right, neither or both_bad), a label (fail, pass or excellent), a score (a whole number on the study's scale) or a label per turn" }];
    expect(ONE_ANSWER).toBe(refused[0].message);
    expect(issues({ assignmentId })).toEqual(refused);
    expect(issues({ assignmentId, choice: "left", score: 3 })).toEqual(refused);
    expect(issues({ assignmentId, kind: "pairwise", choice: "left", label: "pass" })).toEqual(refused);
    expect(answerOf({ assignmentId, choice: "left", score: 3 } as never)).toBeNull();
    expect(issues([{ assignmentId, choice: "left" }])).toBeDefined();
    expect(issues(null)).toBeDefined();
  });

  it("holds a score to the widest scale a study may state, and to the study's own when it is recorded", () => {
    for (const score of [0, 100]) expect(judgmentSchema.safeParse({ assignmentId, kind: "likert", score }).success).toBe(true);
    expect(issues({ assignmentId, kind: "likert", score: -1 })).toEqual([{ path: ["score"], message: "must be at least 0" }]);
    expect(issues({ assignmentId, kind: "likert", score: 101 })).toEqual([{ path: ["score"], message: "must be at most 100" }]);
    const { checkScale } = KINDS.likert.judgment;
    expect(checkScale!({ kind: "likert", score: LIKERT_SCALE.max }, LIKERT_SCALE)).toBeNull();
    expect(checkScale!({ kind: "likert", score: 7 }, LIKERT_SCALE)).toBe("score: must be from 1 to 6, this study's scale; 7 is not on it.");
    expect(checkScale!({ kind: "likert", score: 0 }, { min: 0, max: 10 })).toBeNull();
  });

  it("asks on the study's own scale, naming the paper's points on the paper's scale", () => {
    const { rating } = KINDS.likert;
    expect(rating.options.map((option) => option.label)).toEqual(["1: Not helpful", "2: Slightly helpful", "3: Somewhat helpful", "4: Helpful", "5: Very helpful", "6: Highly helpful"]);
    const ten = rating.onScale!({ min: 0, max: 10 });
    expect(ten.question).toBe("How helpful is this answer, from 0 (not helpful) to 10 (highly helpful)?");
    expect(ten.options.map((option) => [option.label, option.key])).toEqual([
      ["0: Not helpful", "0"], ["1", "1"], ["2", "2"], ["3", "3"], ["4", "4"], ["5", "5"], ["6", "6"], ["7", "7"], ["8", "8"], ["9", "9"], ["10: Highly helpful", ""],
    ]);
  });
});

describe("each kind's judgment in the registry", () => {
  it("stores the answer in the kind's own columns, a pairwise choice with its verdict", () => {
    const { pairwise, absolute, likert, multiturn } = KINDS;
    expect(pairwise.judgment.columns({ kind: "pairwise", choice: "left" }, { targetSide: "left" })).toEqual({ choice: "left", verdict: "win" });
    expect(pairwise.judgment.columns({ kind: "pairwise", choice: "left" }, { targetSide: "right" })).toEqual({ choice: "left", verdict: "loss" });
    expect(pairwise.judgment.columns({ kind: "pairwise", choice: "neither" }, { targetSide: "right" })).toEqual({ choice: "neither", verdict: "tie" });
    expect(pairwise.judgment.columns({ kind: "pairwise", choice: "both_bad" }, { targetSide: "left" })).toEqual({ choice: "both_bad", verdict: "tie" });
    expect(absolute.judgment.columns({ kind: "absolute", label: "pass" }, { targetSide: "left" })).toEqual({ label: "pass" });
    expect(likert.judgment.columns({ kind: "likert", score: 2 }, { targetSide: "left" })).toEqual({ score: 2 });
    expect(multiturn.judgment.columns({ kind: "multiturn", turnLabels: ["pass"] }, { targetSide: "left" })).toEqual({ turnLabels: ["pass"] });
  });

  it("counts a conversation's turns only where an answer has one part per turn", () => {
    expect(KIND_NAMES.filter((name) => KINDS[name].judgment.checkTurns)).toEqual(["multiturn"]);
    const check = KINDS.multiturn.judgment.checkTurns!;
    expect(check({ kind: "multiturn", turnLabels: ["pass", "fail"] }, 2)).toBeNull();
    expect(check({ kind: "multiturn", turnLabels: ["pass"] }, 3)).toBe("This conversation has 3 assistant turns: label each one Fail, Pass or Excellent.");
    expect(check({ kind: "multiturn", turnLabels: ["pass", "pass"] }, 1)).toBe("This conversation has 1 assistant turn: label each one Fail, Pass or Excellent.");
  });

  it("gives every option an answer of its own kind that the union takes, and a key of its own", () => {
    for (const name of KIND_NAMES) {
      const { rating } = KINDS[name];
      expect(new Set(rating.options.map((option) => option.key)).size).toBe(rating.options.length);
      for (const option of rating.options) {
        expect(option.answer.kind).toBe(name);
        expect(judgmentSchema.safeParse({ assignmentId, ...option.answer }).success).toBe(true);
      }
      if (rating.turnLabels) expect(judgmentSchema.parse({ assignmentId, ...rating.turnLabels.answer(["pass", "excellent"]) })).toMatchObject({ kind: name });
    }
    expect(KINDS.pairwise.rating.shows).toBe("pair");
    expect(KINDS.multiturn.rating.shows).toBe("turns");
    expect(KINDS.likert.rating.options.map((option) => option.key)).toEqual(["1", "2", "3", "4", "5", "6"]);
  });

  it('takes "Both are bad" only from a study that offers it, as a fourth option with its own key', () => {
    expect(judgmentSchema.parse({ assignmentId, choice: "both_bad" })).toEqual({ assignmentId, kind: "pairwise", choice: "both_bad" });
    const { checkOffered } = KINDS.pairwise.judgment;
    expect(checkOffered!({ kind: "pairwise", choice: "both_bad" }, { bothBad: false })).toBe(
      'This study does not offer "Both are bad", so nothing was recorded: choose answer A, answer B or neither.',
    );
    expect(checkOffered!({ kind: "pairwise", choice: "both_bad" }, { bothBad: true })).toBeNull();
    expect(checkOffered!({ kind: "pairwise", choice: "neither" }, { bothBad: false })).toBeNull();
    // Only a kind of two answers has it.
    expect(KIND_NAMES.filter((name) => KINDS[name].rating.bothBad)).toEqual(["pairwise"]);
    expect(KIND_NAMES.filter((name) => KINDS[name].judgment.checkOffered)).toEqual(["pairwise"]);
    expect(ratingOptions("pairwise").options.map((option) => option.key)).toEqual(["A", "B", "N"]);
    const offered = ratingOptions("pairwise", { offers: { bothBad: true } });
    expect(offered.options.map((option) => [option.label, option.key])).toEqual([
      ["Answer A is significantly better", "A"],
      ["Answer B is significantly better", "B"],
      ["Neither is significantly better", "N"],
      ["Both are bad", "X"],
    ]);
    expect(judgmentSchema.parse({ assignmentId, ...offered.options[3].answer })).toMatchObject({ choice: "both_bad" });
    // Another kind's options are its own whatever the study asks.
    expect(ratingOptions("absolute", { offers: { bothBad: true } }).options).toEqual(KINDS.absolute.rating.options);
    expect(ratingOptions("likert", { scale: { min: 0, max: 3 }, offers: { bothBad: true } }).options.map((option) => option.key)).toEqual(["0", "1", "2", "3"]);
  });

  it("says what each kind asks for when an answer of another kind comes", () => {
    expect(new Set(KIND_NAMES.map((name) => KINDS[name].judgment.asks)).size).toBe(KIND_NAMES.length);
    expect(KINDS.pairwise.judgment.asks).toMatch(/asks which answer is better/);
    expect(KINDS.multiturn.judgment.asks).toMatch(/label each one/);
  });
});
