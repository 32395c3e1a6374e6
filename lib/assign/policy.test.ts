import { describe, expect, it } from "vitest";
import { goldDue, pickTargetSide, SIDE_BLOCK, type Side, verdictFor } from "./policy";

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
  // Many raters' sequences from the real random source: the properties must hold for any draw.
  const RATERS = 2000;
  const PAIRS = 8 * SIDE_BLOCK;
  const sequences = Array.from({ length: RATERS }, () => {
    const sides: Side[] = [];
    let left = 0;
    for (let i = 0; i < PAIRS; i++) {
      const side = pickTargetSide(left, i - left);
      sides.push(side);
      if (side === "left") left++;
    }
    return sides;
  });

  it("holds every rater to half on each side at the end of each block, and never more than half a block off", () => {
    for (const sides of sequences) {
      let left = 0;
      sides.forEach((side, i) => {
        if (side === "left") left++;
        const shown = i + 1;
        expect(Math.abs(2 * left - shown)).toBeLessThanOrEqual(SIDE_BLOCK / 2);
        if (shown % SIDE_BLOCK === 0) expect(2 * left).toBe(shown);
      });
    }
  });

  it("changes side from one pair to the next about as often as a fair coin", () => {
    let changes = 0;
    for (const sides of sequences) for (let i = 1; i < sides.length; i++) if (sides[i] !== sides[i - 1]) changes++;
    const rate = changes / (RATERS * (PAIRS - 1));
    // Sampling without replacement in blocks of B gives 1/2 + 1/(2B), here 0.5625, with a
    // standard error near 0.0014; strict alternation would give 1, blocks of two 0.75.
    expect(rate).toBeGreaterThan(0.54);
    expect(rate).toBeLessThan(0.585);
  });

  it("puts the target on the left half the time at every place in a block, whatever came just before", () => {
    for (let place = 0; place < SIDE_BLOCK; place++) {
      let left = 0;
      let afterLeft = 0;
      let leftAfterLeft = 0;
      for (const sides of sequences) {
        for (let block = 0; block < PAIRS / SIDE_BLOCK; block++) {
          const i = block * SIDE_BLOCK + place;
          if (sides[i] === "left") left++;
          if (i > 0 && sides[i - 1] === "left") {
            afterLeft++;
            if (sides[i] === "left") leftAfterLeft++;
          }
        }
      }
      expect(left / (RATERS * (PAIRS / SIDE_BLOCK))).toBeCloseTo(0.5, 1);
      // After a left, a left again is less likely inside a block (the block has one fewer left
      // to give), but never close to the certainty that alternation gives.
      expect(leftAfterLeft / afterLeft).toBeGreaterThan(place === 0 ? 0.45 : 0.36);
    }
  });

  it("never runs the same side longer than a block", () => {
    for (const sides of sequences) {
      let run = 1;
      for (let i = 1; i < sides.length; i++) {
        run = sides[i] === sides[i - 1] ? run + 1 : 1;
        expect(run).toBeLessThanOrEqual(SIDE_BLOCK);
      }
    }
  });

  it("makes up an imbalance left by two claims at once within the block", () => {
    expect(pickTargetSide(5, 1, () => 0)).toBe("right");
    expect(pickTargetSide(1, 5, () => 0.99)).toBe("left");
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
