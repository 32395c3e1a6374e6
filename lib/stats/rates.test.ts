import { describe, expect, it } from "vitest";
import { rates } from "./rates";

describe("rates", () => {
  it("gives the paper's Figure 1 shares for LIMA vs Alpaca 65B (53 / 21 / 26 of 300)", () => {
    const r = rates({ wins: 159, ties: 63, losses: 78 });
    expect(r.total).toBe(300);
    expect(r.win).toBeCloseTo(53, 10);
    expect(r.tie).toBeCloseTo(21, 10);
    expect(r.loss).toBeCloseTo(26, 10);
  });

  it("gives the paper's 'equal or better' rate vs GPT-4 (18 + 25 = 43%)", () => {
    expect(rates({ wins: 54, ties: 75, losses: 171 }).equalOrBetter).toBeCloseTo(43, 10);
  });

  it("is all zeros before any judgment", () => {
    expect(rates({ wins: 0, ties: 0, losses: 0 })).toEqual({ total: 0, win: 0, tie: 0, loss: 0, equalOrBetter: 0 });
  });
});
