// Against values worked out by hand below each case.
import { describe, expect, it } from "vitest";
import { judgeAgreement, judgeLabel, type JudgedPairGroup } from "./judge-agreement";

const group = (targetLeft: JudgedPairGroup["targetLeft"], targetRight: JudgedPairGroup["targetRight"], [humanWins, humanTies, humanLosses]: number[], pairs = 1): JudgedPairGroup => ({
  targetLeft,
  targetRight,
  humanWins,
  humanTies,
  humanLosses,
  pairs,
});

describe("judgeLabel", () => {
  it("keeps an agreed verdict, calls a disagreement a tie, and uses the one order it has", () => {
    expect(judgeLabel("win", "win")).toBe("win");
    expect(judgeLabel("win", "loss")).toBe("tie");
    expect(judgeLabel(null, "loss")).toBe("loss");
    expect(judgeLabel(null, null)).toBeNull();
  });
});

describe("judgeAgreement", () => {
  it("matches a hand computation", () => {
    const result = judgeAgreement([
      // Pair 1: judge win/win → win; raters win, win, tie → scores 1, 1, ½ → 5/6.
      group("win", "win", [2, 1, 0]),
      // Pair 2: judge win/loss → tie (inconsistent); raters loss, loss → ½, ½ → ½.
      group("win", "loss", [0, 0, 2]),
      // Pairs 3 and 4: judge loss/loss → loss; raters win, loss → 0, 1 → ½ each.
      group("loss", "loss", [1, 0, 1], 2),
      // Pair 5: one order unread → tie; raters tie → 1.
      group(null, "tie", [0, 1, 0]),
      // Pair 6: neither order read: not judged, not scored.
      group(null, null, [3, 0, 0]),
    ]);
    // Accuracy over the 5 judged pairs: (5/6 + ½ + ½ + ½ + 1) / 5 = (20/6) / 5 = 2/3.
    expect(result.tieDiscountedAccuracy.pairs).toBe(5);
    expect(result.tieDiscountedAccuracy.value).toBeCloseTo(2 / 3, 12);
    expect(result).toMatchObject({ judgedPairs: 5, bothOrders: 4, inconsistent: 1, inconsistencyRate: 0.25, labels: { win: 1, tie: 2, loss: 2 } });
    // The raters, all six pairs: wins 2 + 2 + 3, ties 1 + 1, losses 2 + 2.
    expect(result.humans).toEqual({ win: 7, tie: 2, loss: 4 });

    // Sides chosen as shown. Target as A: win → A (pairs 1, 2), loss → B (pairs 3, 4): A 2, B 2.
    // Target as B: win → B (pair 1), loss → A (pairs 2, 3, 4), tie → neither (pair 5): A 3, B 1.
    // A 5, B 3, neither 1.
    expect(result.positionBias).toMatchObject({ leftShare: 5 / 8, decided: 8, neither: 1 });

    // Kappa over (rater, judge) for rater judgments on judged pairs, rows rater, columns judge:
    //   pair 1: (win,win)×2, (tie,win)×1; pair 2: (loss,tie)×2; pairs 3–4: (win,loss)×2, (loss,loss)×2;
    //   pair 5: (tie,tie)×1. n = 10.
    //   table: win row [2, 0, 2]; tie row [1, 1, 0]; loss row [0, 2, 2].
    //   observed = (2 + 1 + 2) / 10 = 0.5; rows 4, 2, 4; columns 3, 3, 4;
    //   expected = (4·3 + 2·3 + 4·4) / 100 = 0.34; kappa = (0.5 − 0.34) / 0.66 = 0.242424…
    expect(result.kappa.items).toBe(10);
    expect(result.kappa.observed).toBeCloseTo(0.5, 12);
    expect(result.kappa.expected).toBeCloseTo(0.34, 12);
    expect(result.kappa.value).toBeCloseTo(0.16 / 0.66, 12);
  });

  it("reaches the paper's reading when the judge always agrees with unanimous raters", () => {
    const result = judgeAgreement([group("win", "win", [3, 0, 0], 5), group("tie", "tie", [0, 2, 0], 3), group("loss", "loss", [0, 0, 2], 2)]);
    expect(result.tieDiscountedAccuracy.value).toBe(1);
    expect(result.kappa.value).toBe(1);
    expect(result.inconsistencyRate).toBe(0);
  });

  it("says nothing it cannot: no judged pair, no figures", () => {
    const result = judgeAgreement([group(null, null, [1, 0, 0])]);
    expect(result).toMatchObject({ judgedPairs: 0, inconsistencyRate: null, tieDiscountedAccuracy: { value: null, pairs: 0 }, kappa: { value: null, items: 0 } });
  });
});
