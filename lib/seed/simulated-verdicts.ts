// Verdicts for the simulated demo study, drawn so that its results page shows the LIMA paper's
// Figure 1 (human raters) and Figure 2 (GPT-4 as judge): each baseline's verdicts come in the
// paper's proportions, exactly as far as whole judgments allow, in a seeded random order.
import type { Side, SideChoice, Verdict } from "@/lib/assign/policy";

/** LIMA's win / tie / loss against one baseline, in percent. */
export type Shares = Record<Verdict, number>;

/** The paper's five baselines, in its order, with Figure 1's and Figure 2's shares (../shared/PROTOCOL.md). */
export const LIMA_FIGURES: readonly { baseline: string; raters: Shares; gpt4: Shares }[] = [
  { baseline: "Alpaca 65B", raters: { win: 53, tie: 21, loss: 26 }, gpt4: { win: 64, tie: 19, loss: 17 } },
  { baseline: "DaVinci003", raters: { win: 44, tie: 21, loss: 35 }, gpt4: { win: 54, tie: 23, loss: 23 } },
  { baseline: "Bard", raters: { win: 33, tie: 25, loss: 42 }, gpt4: { win: 27, tie: 26, loss: 47 } },
  { baseline: "Claude", raters: { win: 24, tie: 22, loss: 54 }, gpt4: { win: 14, tie: 23, loss: 63 } },
  { baseline: "GPT-4", raters: { win: 18, tie: 25, loss: 57 }, gpt4: { win: 19, tie: 15, loss: 66 } },
];

const VERDICTS: Verdict[] = ["win", "tie", "loss"];

/** Fisher–Yates, in place. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * `n` verdicts in the shares' proportions, in random order: each verdict's count is its share of
 * `n` rounded down, and the judgments left over go to the largest remainders (ties by verdict order).
 */
export function proportionedVerdicts(shares: Shares, n: number, random: () => number): Verdict[] {
  const total = VERDICTS.reduce((sum, verdict) => sum + shares[verdict], 0);
  const exact = VERDICTS.map((verdict) => (shares[verdict] / total) * n);
  const counts = exact.map(Math.floor);
  const byRemainder = VERDICTS.map((_, i) => i).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (let left = n - counts.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i++) counts[byRemainder[i]]++;
  return shuffle(
    VERDICTS.flatMap((verdict, i) => Array<Verdict>(counts[i]).fill(verdict)),
    random,
  );
}

/** How a second rater's verdict on a shared pair stands to the first's, as tie-discounted accuracy scores it (1, ½, 0). */
export type Agreement = "same" | "one tie" | "opposite";

/**
 * The paper's agreement set: 50 pairs judged by two raters, who agree 82% of the time by
 * tie-discounted accuracy (crowd–crowd). Ten pairs per baseline; 36 same, 10 with one tie, 4 opposite.
 */
export function agreementPlan(baselineIndex: number): Agreement[] {
  const opposite = baselineIndex < 4 ? 1 : 0;
  return [...Array<Agreement>(8 - opposite).fill("same"), "one tie", "one tie", ...Array<Agreement>(opposite).fill("opposite")];
}

/** The first verdicts that stand in `agreement` to a second verdict. */
function firstVerdictsFor(second: Verdict, agreement: Agreement): Verdict[] {
  if (agreement === "same") return [second];
  if (agreement === "one tie") return second === "tie" ? ["win", "loss"] : ["tie"];
  return second === "win" ? ["loss"] : second === "loss" ? ["win"] : [];
}

/**
 * Which pairs the second rater judges, and how: for each second verdict (in the baseline's
 * proportions), a pair on a prompt no other shared pair uses, whose first verdict stands in the
 * planned agreement to it. `first[i]` is pair i's first verdict and `prompts[i]` its prompt.
 */
export function sharedPairs(
  first: readonly Verdict[],
  prompts: readonly number[],
  second: readonly Verdict[],
  plan: readonly Agreement[],
  usedPrompts: Set<number>,
  random: () => number,
): { pair: number; verdict: Verdict }[] {
  // An opposite verdict needs a second verdict that is no tie: the opposite agreements go first,
  // to the non-tie verdicts that lead the order; the others follow in random order.
  const order = shuffle([...second.keys()], random).sort((a, b) => Number(second[a] === "tie") - Number(second[b] === "tie"));
  const agreements = [...plan.filter((a) => a === "opposite"), ...shuffle(plan.filter((a) => a !== "opposite"), random)];
  return order.map((index, k) => {
    const wanted = firstVerdictsFor(second[index], agreements[k]);
    const candidates = first.flatMap((verdict, pair) => (wanted.includes(verdict) && !usedPrompts.has(prompts[pair]) ? [pair] : []));
    if (candidates.length === 0) throw new Error(`No pair left for a second ${second[index]} (${agreements[k]}).`);
    const pair = candidates[Math.floor(random() * candidates.length)];
    usedPrompts.add(prompts[pair]);
    return { pair, verdict: second[index] };
  });
}

const RANK: Record<Verdict, number> = { win: 0, tie: 1, loss: 2 };

/**
 * A judge's label for each pair, in the shares' proportions, that agrees with the raters'
 * verdicts (`raters[i]`, pair i's) only in part, as an LLM judge does: on a random `coupled` share
 * of the pairs the labels go in the raters' order (the judge's wins to the raters' wins first,
 * then to their ties), on the others at random.
 */
export function judgeLabels(raters: readonly Verdict[], shares: Shares, coupled: number, random: () => number): Verdict[] {
  const labels = proportionedVerdicts(shares, raters.length, random);
  const order = shuffle([...raters.keys()], random);
  const together = order.slice(0, Math.round(coupled * raters.length)).sort((a, b) => RANK[raters[a]] - RANK[raters[b]] || a - b);
  const inOrder = labels.slice(0, together.length).sort((a, b) => RANK[a] - RANK[b]);
  const result = new Array<Verdict>(raters.length);
  together.forEach((pair, i) => (result[pair] = inOrder[i]));
  order.slice(together.length).forEach((pair, i) => (result[pair] = labels[together.length + i]));
  return result;
}

/** The choice shown that gives this verdict with the target on this side. */
export function choiceFor(verdict: Verdict, targetSide: Side): SideChoice {
  if (verdict === "tie") return "neither";
  return (verdict === "win") === (targetSide === "left") ? "left" : "right";
}

/**
 * A simulated judge's verdict on one pair in each order, for the label it should come to (see
 * lib/judge/judge-agreement.ts's judgeLabel): a win or a loss in both orders alike; a tie either
 * as "neither" in both, or, every other time, as answer A chosen in both orders, which the
 * results count as a tie from inconsistency and as a lean to the first position, as LLM judges show.
 */
export function judgeOrders(label: Verdict, tieCount: number): Record<Side, Verdict> {
  if (label !== "tie" || tieCount % 2 === 0) return { left: label, right: label };
  return { left: "win", right: "loss" };
}
