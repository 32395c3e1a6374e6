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

  it('counts "Both are bad" as a tie, whichever side the target was on', () => {
    expect(verdictFor("both_bad", "left")).toBe("tie");
    expect(verdictFor("both_bad", "right")).toBe("tie");
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
  /** A rater's run: `ordinary` pairs and `gold` gold pairs expected, drawn one by one. */
  function run(ordinary: number, gold: number, random: () => number) {
    const sequence: boolean[] = [];
    while (ordinary + gold > 0) {
      const due = goldDue(gold, ordinary, random);
      sequence.push(due);
      if (due) gold--;
      else ordinary--;
    }
    return sequence;
  }

  it("hands out exactly the gold pairs expected, and never one that is not", () => {
    for (let i = 0; i < 200; i++) expect(run(40, 5, Math.random).filter(Boolean)).toHaveLength(5);
    expect(goldDue(0, 10, () => 0)).toBe(false);
    // With no ordinary pair left, the expected gold pairs come.
    expect(goldDue(2, 0, () => 0.99)).toBe(true);
  });

  it("puts gold pairs anywhere in the run, each place about equally often", () => {
    const places = new Array<number>(45).fill(0);
    for (let i = 0; i < 4000; i++) run(40, 5, Math.random).forEach((gold, place) => gold && places[place]++);
    // 4,000 runs × 5 gold pairs over 45 places: about 444 at each.
    for (const count of places) expect(count).toBeGreaterThan(330);
    for (const count of places) expect(count).toBeLessThan(560);
  });
});
