import { describe, expect, it } from "vitest";
import { bradleyTerry, type Comparison } from "./bradley-terry";

function scoreResiduals(comparisons: Comparison[], strengths: Record<string, number>): number[] {
  // For each system: its (tie-halved) wins minus Σ_j n_ij·s_i/(s_i + s_j). Zero at the MLE.
  const residual: Record<string, number> = {};
  for (const c of comparisons) {
    const n = c.aWins + c.bWins + (c.ties ?? 0);
    const pa = strengths[c.a] / (strengths[c.a] + strengths[c.b]);
    residual[c.a] = (residual[c.a] ?? 0) + c.aWins + (c.ties ?? 0) / 2 - n * pa;
    residual[c.b] = (residual[c.b] ?? 0) + c.bWins + (c.ties ?? 0) / 2 - n * (1 - pa);
  }
  return Object.values(residual);
}

describe("bradleyTerry", () => {
  // Stigler (1994) citations as in Agresti (2002, p. 448) and R's BradleyTerry2 `citations`: the
  // cited journal "wins". BTm's published fit (Biometrika = 0): Comm Statist −2.9491,
  // JASA −0.4796, JRSS-B 0.2690.
  const citations: Comparison[] = [
    { a: "Biometrika", b: "Comm Statist", aWins: 730, bWins: 33 },
    { a: "Biometrika", b: "JASA", aWins: 498, bWins: 320 },
    { a: "Biometrika", b: "JRSS-B", aWins: 221, bWins: 284 },
    { a: "Comm Statist", b: "JASA", aWins: 68, bWins: 813 },
    { a: "Comm Statist", b: "JRSS-B", aWins: 17, bWins: 276 },
    { a: "JASA", b: "JRSS-B", aWins: 142, bWins: 325 },
  ];

  it("reproduces BradleyTerry2's maximum likelihood fit of the journal citation data", () => {
    const r = bradleyTerry(citations);
    if (!r.ok) throw new Error(r.reason);
    const rel = (name: string) => r.logStrengths[name] - r.logStrengths.Biometrika;
    expect(rel("Comm Statist")).toBeCloseTo(-2.9491, 4);
    expect(rel("JASA")).toBeCloseTo(-0.4796, 4);
    expect(rel("JRSS-B")).toBeCloseTo(0.269, 4);
    expect(r.ranking).toEqual(["JRSS-B", "Biometrika", "JASA", "Comm Statist"]);
    expect(r.converged).toBe(true);
    expect(r.comparisons).toBe(3727);
  });

  it("satisfies the score equations (wins = Σ n_ij·p_ij) within 1e-6, with ties as half wins", () => {
    const data: Comparison[] = [
      { a: "A", b: "B", aWins: 6, bWins: 3, ties: 2 },
      { a: "B", b: "C", aWins: 5, bWins: 4, ties: 3 },
      { a: "A", b: "C", aWins: 7, bWins: 1, ties: 0 },
      { a: "C", b: "D", aWins: 2, bWins: 2, ties: 5 },
    ];
    const r = bradleyTerry(data);
    if (!r.ok) throw new Error(r.reason);
    for (const residual of scoreResiduals(data, r.strengths)) expect(Math.abs(residual)).toBeLessThan(1e-6);
    expect(Object.values(r.logStrengths).reduce((s, x) => s + x, 0)).toBeCloseTo(0, 12);
    expect(r.ranking[0]).toBe("A");
  });

  it("in LIMA's star design gives the closed form: s_baseline / s_LIMA = (loss + tie/2) / (win + tie/2)", () => {
    // Figure 1 (percent of 300 judgments): vs GPT-4 18/25/57, vs Claude 24/22/54, vs Alpaca 53/21/26.
    const fig1: Comparison[] = [
      { a: "LIMA", b: "GPT-4", aWins: 54, ties: 75, bWins: 171 },
      { a: "LIMA", b: "Claude", aWins: 72, ties: 66, bWins: 162 },
      { a: "LIMA", b: "Alpaca 65B", aWins: 159, ties: 63, bWins: 78 },
    ];
    const r = bradleyTerry(fig1);
    if (!r.ok) throw new Error(r.reason);
    expect(r.strengths["GPT-4"] / r.strengths.LIMA).toBeCloseTo((57 + 12.5) / (18 + 12.5), 8);
    expect(r.strengths["Alpaca 65B"] / r.strengths.LIMA).toBeCloseTo((26 + 10.5) / (53 + 10.5), 8);
    expect(r.ranking).toEqual(["GPT-4", "Claude", "LIMA", "Alpaca 65B"]);
  });

  it("ranks an obvious order, and gives equal strengths for ties only", () => {
    const r = bradleyTerry([
      { a: "X", b: "Y", aWins: 9, bWins: 1 },
      { a: "Y", b: "Z", aWins: 9, bWins: 1 },
      { a: "X", b: "Z", aWins: 9, bWins: 1 },
    ]);
    expect(r.ok && r.ranking).toEqual(["X", "Y", "Z"]);
    const even = bradleyTerry([{ a: "P", b: "Q", aWins: 0, bWins: 0, ties: 10 }]);
    expect(even.ok && even.strengths.P).toBeCloseTo(1, 10);
  });

  it("gives systems with equal strengths one rank (1, 2, 2, 4), in name order", () => {
    // Figure 1's GPT-4 and Claude rows, and a third baseline judged exactly as Claude was.
    const r = bradleyTerry([
      { a: "LIMA", b: "GPT-4", aWins: 54, ties: 75, bWins: 171 },
      { a: "LIMA", b: "Claude", aWins: 72, ties: 66, bWins: 162 },
      { a: "LIMA", b: "Bard", aWins: 72, ties: 66, bWins: 162 },
    ]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.ranking).toEqual(["GPT-4", "Bard", "Claude", "LIMA"]);
    expect(r.ranks).toEqual({ "GPT-4": 1, Bard: 2, Claude: 2, LIMA: 4 });
  });

  it("counts strengths apart by rounding only as tied, and any real difference as none", () => {
    const ranks = (claudeWins: number) => {
      const r = bradleyTerry([
        { a: "LIMA", b: "Claude", aWins: claudeWins, ties: 66, bWins: 162 },
        { a: "LIMA", b: "Bard", aWins: 72, ties: 66, bWins: 162 },
      ]);
      if (!r.ok) throw new Error(r.reason);
      return r.ranks;
    };
    // 72·(1 + 1e-13): what adding counts in another order could leave.
    expect(ranks(72 * (1 + 1e-13))).toEqual({ Bard: 1, Claude: 1, LIMA: 3 });
    // A millionth of a win less for LIMA against Claude already makes Claude the stronger.
    expect(ranks(72 - 1e-6)).toEqual({ Claude: 1, Bard: 2, LIMA: 3 });
  });

  it("reports when no maximum likelihood estimate exists or there is nothing to fit", () => {
    expect(bradleyTerry([{ a: "A", b: "B", aWins: 5, bWins: 0 }])).toEqual({ ok: false, reason: "not-identifiable" });
    // Two groups never compared with each other.
    expect(
      bradleyTerry([
        { a: "A", b: "B", aWins: 2, bWins: 1 },
        { a: "C", b: "D", aWins: 2, bWins: 1 },
      ]),
    ).toEqual({ ok: false, reason: "not-identifiable" });
    expect(bradleyTerry([])).toEqual({ ok: false, reason: "no-comparisons" });
    expect(bradleyTerry([{ a: "A", b: "B", aWins: 0, bWins: 0 }])).toEqual({ ok: false, reason: "no-comparisons" });
  });
});
