import { describe, expect, it } from "vitest";
import { judgeLabel } from "@/lib/judge/judge-agreement";
import { seededRandom } from "@/lib/random";
import { agreementPlan, choiceFor, judgeLabels, judgeOrders, LIMA_FIGURES, proportionedVerdicts, sharedPairs } from "@/lib/seed/simulated-verdicts";

const count = (verdicts: string[]) => ({
  win: verdicts.filter((v) => v === "win").length,
  tie: verdicts.filter((v) => v === "tie").length,
  loss: verdicts.filter((v) => v === "loss").length,
});

describe("proportionedVerdicts", () => {
  it("gives 300 judgments exactly the paper's percentages, in a seeded order", () => {
    for (const { raters, gpt4 } of LIMA_FIGURES) {
      expect(count(proportionedVerdicts(raters, 300, seededRandom(1)))).toEqual({ win: raters.win * 3, tie: raters.tie * 3, loss: raters.loss * 3 });
      expect(count(proportionedVerdicts(gpt4, 300, seededRandom(1)))).toEqual({ win: gpt4.win * 3, tie: gpt4.tie * 3, loss: gpt4.loss * 3 });
    }
    expect(proportionedVerdicts(LIMA_FIGURES[0].raters, 300, seededRandom(7))).toEqual(proportionedVerdicts(LIMA_FIGURES[0].raters, 300, seededRandom(7)));
    expect(proportionedVerdicts(LIMA_FIGURES[0].raters, 300, seededRandom(7))).not.toEqual(proportionedVerdicts(LIMA_FIGURES[0].raters, 300, seededRandom(8)));
  });

  it("hands the judgments left over to the largest remainders", () => {
    // 10 × 53/21/26 = 5.3 / 2.1 / 2.6.
    expect(count(proportionedVerdicts({ win: 53, tie: 21, loss: 26 }, 10, seededRandom(1)))).toEqual({ win: 5, tie: 2, loss: 3 });
    expect(count(proportionedVerdicts({ win: 1, tie: 1, loss: 1 }, 2, seededRandom(1)))).toEqual({ win: 1, tie: 1, loss: 0 });
  });
});

describe("sharedPairs", () => {
  it("places the agreement set on distinct prompts with 82% tie-discounted accuracy", () => {
    const random = seededRandom(3);
    const used = new Set<number>();
    let score = 0;
    let items = 0;
    LIMA_FIGURES.forEach((figure, index) => {
      const first = proportionedVerdicts(figure.raters, 300, random);
      const prompts = first.map((_, i) => i);
      const second = proportionedVerdicts(figure.raters, 10, random);
      const shared = sharedPairs(first, prompts, second, agreementPlan(index), used, random);
      expect(count(shared.map((s) => s.verdict))).toEqual(count(second));
      for (const { pair, verdict } of shared) {
        items++;
        score += first[pair] === verdict ? 1 : first[pair] === "tie" || verdict === "tie" ? 0.5 : 0;
      }
    });
    expect(items).toBe(50);
    expect(used.size).toBe(50);
    expect(score / items).toBeCloseTo(0.82, 10);
  });
});

describe("judgeLabels", () => {
  it("keeps the judge's shares exactly, and follows the raters' order on the coupled share of pairs", () => {
    const { raters, gpt4 } = LIMA_FIGURES[0];
    const human = proportionedVerdicts(raters, 300, seededRandom(5));
    const agree = (labels: string[]) => labels.filter((label, i) => label === human[i]).length;
    const apart = judgeLabels(human, gpt4, 0, seededRandom(6));
    const half = judgeLabels(human, gpt4, 0.5, seededRandom(6));
    const together = judgeLabels(human, gpt4, 1, seededRandom(6));
    for (const labels of [apart, half, together]) expect(count(labels)).toEqual({ win: 192, tie: 57, loss: 51 });
    // Everything in order: the raters' 159 wins all get the judge's win, their 63 ties its 33 wins left and 30 ties.
    expect(agree(together)).toBe(159 + 30 + 51);
    expect(agree(apart)).toBeLessThan(agree(half));
    expect(agree(half)).toBeLessThan(agree(together));
  });
});

describe("judgeOrders", () => {
  it("comes to the label it is given, half the ties by choosing answer A both times", () => {
    for (const label of ["win", "tie", "loss"] as const) {
      for (const ties of [0, 1]) {
        const orders = judgeOrders(label, ties);
        expect(judgeLabel(orders.left, orders.right)).toBe(label);
      }
    }
    const biased = judgeOrders("tie", 1);
    expect([choiceFor(biased.left, "left"), choiceFor(biased.right, "right")]).toEqual(["left", "left"]);
  });
});
