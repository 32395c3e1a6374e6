import { describe, expect, it } from "vitest";
import { goldDue, pickTargetSide, verdictFor } from "./policy";

describe("verdictFor", () => {
  it("reads the rater's click in the target's terms", () => {
    expect(verdictFor("left", "left")).toBe("win");
    expect(verdictFor("right", "right")).toBe("win");
    expect(verdictFor("left", "right")).toBe("loss");
    expect(verdictFor("right", "left")).toBe("loss");
    expect(verdictFor("neither", "left")).toBe("tie");
    expect(verdictFor("neither", "right")).toBe("tie");
  });
});

describe("pickTargetSide", () => {
  it("evens out the sides a rater has seen the target on", () => {
    expect(pickTargetSide(3, 2)).toBe("right");
    expect(pickTargetSide(2, 3)).toBe("left");
  });

  it("picks at random when even", () => {
    expect(pickTargetSide(1, 1, () => 0.1)).toBe("left");
    expect(pickTargetSide(1, 1, () => 0.9)).toBe("right");
  });

  it("keeps any run of pairs within one of half on each side", () => {
    let left = 0;
    let right = 0;
    for (let i = 0; i < 101; i++) {
      if (pickTargetSide(left, right) === "left") left++;
      else right++;
      expect(Math.abs(left - right)).toBeLessThanOrEqual(1);
    }
  });
});

describe("goldDue", () => {
  function run(pairs: number, rate: number, random: () => number) {
    let gold = 0;
    const due: boolean[] = [];
    for (let n = 0; n < pairs; n++) {
      due.push(goldDue(gold, n, rate, random));
      if (due[n]) gold++;
      expect(Math.abs(gold - rate * (n + 1))).toBeLessThan(1);
    }
    return due;
  }

  it("keeps a rater's gold share within one pair of the set rate", () => {
    expect(run(1000, 0.1, Math.random).filter(Boolean).length).toBeGreaterThanOrEqual(99);
  });

  it("moves where gold pairs fall with the random draw", () => {
    expect(run(20, 0.1, () => 0).indexOf(true)).toBe(0);
    expect(run(20, 0.1, () => 0.99).indexOf(true)).toBe(9);
  });

  it("never, at rate 0", () => {
    expect(goldDue(0, 0, 0)).toBe(false);
    expect(goldDue(0, 100, 0)).toBe(false);
  });
});
