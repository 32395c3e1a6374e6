import { describe, expect, it } from "vitest";
import { positionBias } from "./position-bias";

describe("positionBias", () => {
  it("uses the exact binomial: 9 left vs 1 right → p = 22/1024 = 0.021484375", () => {
    const r = positionBias({ left: 9, right: 1, neither: 4 });
    expect(r.leftShare).toBeCloseTo(0.9, 14);
    expect(r.pValue).toBeCloseTo(0.021484375, 14);
    expect(r).toMatchObject({ decided: 10, neither: 4 });
  });

  it("is symmetric and leaves Neither out of the share", () => {
    // 5 left vs 15 right: p = 2·21700/2^20 = 0.04138946533203125.
    expect(positionBias({ left: 5, right: 15, neither: 100 }).pValue).toBeCloseTo(0.04138946533203125, 14);
    expect(positionBias({ left: 15, right: 5 }).pValue).toBeCloseTo(0.04138946533203125, 14);
    expect(positionBias({ left: 15, right: 5 }).leftShare).toBe(0.75);
  });

  it("has no share and p = 1 without a side vote", () => {
    expect(positionBias({ left: 0, right: 0, neither: 3 })).toEqual({ leftShare: null, decided: 0, neither: 3, pValue: 1 });
  });
});
