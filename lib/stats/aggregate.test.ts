import { describe, expect, it } from "vitest";
import { aggregate, majorityVerdict } from "./aggregate";

describe("majorityVerdict", () => {
  it("takes the verdict with strictly the most votes", () => {
    expect(majorityVerdict(["win", "win", "loss"])).toBe("win");
    expect(majorityVerdict(["loss", "tie", "loss"])).toBe("loss");
    expect(majorityVerdict(["tie"])).toBe("tie");
  });

  it("calls any tie for the most votes a tie: win vs loss, win vs tie, one of each", () => {
    expect(majorityVerdict(["win", "loss"])).toBe("tie");
    expect(majorityVerdict(["win", "tie"])).toBe("tie");
    expect(majorityVerdict(["win", "tie", "loss"])).toBe("tie");
    expect(majorityVerdict(["win", "win", "loss", "loss", "tie"])).toBe("tie");
  });
});

describe("aggregate", () => {
  it("tallies every judgment and one majority verdict per pair", () => {
    const r = aggregate([
      { pairId: "p1", raterId: "r1", verdict: "win" },
      { pairId: "p1", raterId: "r2", verdict: "win" },
      { pairId: "p1", raterId: "r3", verdict: "loss" },
      { pairId: "p2", raterId: "r1", verdict: "win" },
      { pairId: "p2", raterId: "r2", verdict: "loss" },
      { pairId: "p3", raterId: "r3", verdict: "tie" },
    ]);
    expect(r.everyJudgment).toEqual({ wins: 3, ties: 1, losses: 2 });
    // p1: win (2 of 3); p2: win vs loss → tie; p3: tie.
    expect(r.majorityPerPair).toEqual({ wins: 1, ties: 2, losses: 0 });
    expect(r.pairs).toBe(3);
    expect(r.byPair).toEqual([
      { pairId: "p1", verdicts: ["win", "win", "loss"] },
      { pairId: "p2", verdicts: ["win", "loss"] },
      { pairId: "p3", verdicts: ["tie"] },
    ]);
  });

  it("refuses a second judgment of one pair by one rater", () => {
    expect(() =>
      aggregate([
        { pairId: "p1", raterId: "r1", verdict: "win" },
        { pairId: "p1", raterId: "r1", verdict: "loss" },
      ]),
    ).toThrow(/twice/);
  });

  it("is all zeros with no judgment", () => {
    expect(aggregate([])).toEqual({
      everyJudgment: { wins: 0, ties: 0, losses: 0 },
      majorityPerPair: { wins: 0, ties: 0, losses: 0 },
      pairs: 0,
      byPair: [],
    });
  });
});
