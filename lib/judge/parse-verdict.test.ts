import { describe, expect, it } from "vitest";
import { parseVerdict } from "./parse-verdict";

describe("parseVerdict", () => {
  it.each([
    ["Answer A is significantly better", "left"],
    ["Answer B is significantly better.", "right"],
    ["Neither is significantly better", "neither"],
    ["**Answer B is significantly better**", "right"],
    ["Both are fine, but on balance answer A is better because it cites sources.", "left"],
    ["Verdict: B", "right"],
    ["Final answer - (A)", "left"],
    ["Reasoning: the first is terse and the second thorough.\n\nChoice: Neither", "neither"],
    ["A", "left"],
    ["b.", "right"],
    ["tie", "neither"],
    ['{"verdict": "B", "reason": "more complete"}', "right"],
    ['```json\n{"choice": "Answer A"}\n```', "left"],
    ['{"answer": "Neither is significantly better"}', "neither"],
  ])("reads %j as %s", (answer, choice) => {
    expect(parseVerdict(answer)).toEqual({ choice });
  });

  it.each([
    ["", "empty answer"],
    ["   ", "empty answer"],
    ["I cannot decide between these.", "names none of the three options, or more than one"],
    ["Answer A is significantly better. On reflection, Answer B is significantly better.", "names none of the three options, or more than one"],
    ["Verdict: A\nVerdict: B", "names none of the three options, or more than one"],
    ['{"verdict": "maybe"}', "the JSON answer names no single option"],
    ["As an AI, I'd rather not judge.", "names none of the three options, or more than one"],
    // A study's raters may have a fourth option; a judge is asked for the three only, and an
    // answer of the fourth is not read as one of them.
    ["Both are bad", "names none of the three options, or more than one"],
    ['{"verdict": "both_bad"}', "the JSON answer names no single option"],
  ])("does not guess from %j", (answer, reason) => {
    expect(parseVerdict(answer)).toEqual({ unparseable: reason });
  });
});
