import { describe, expect, it } from "vitest";
import { formatP } from "./format-p";

describe("formatP", () => {
  it.each([
    [0, "p < 0.001"],
    [0.000999, "p < 0.001"],
    [0.001, "p = 0.001"],
    [0.0874, "p = 0.087"],
    [0.05, "p = 0.050"],
    [1, "p = 1.000"],
  ])("writes %s as %s", (p, text) => expect(formatP(p)).toBe(text));

  it("refuses what is not a probability", () => {
    expect(() => formatP(Number.NaN)).toThrow(RangeError);
    expect(() => formatP(1.5)).toThrow(RangeError);
  });
});
