import { describe, expect, it } from "vitest";
import { baselineFigures } from "@/lib/stats/baseline-summary";
import { studyAgreement } from "@/lib/stats/agreement";
import { resultsTex, texEscape } from "./results-tex";

/** A baseline judged once on each prompt: `wins` prompts won, then `ties` tied, the rest lost. */
const baseline = (name: string, wins: number, ties: number, losses: number) => ({
  baseline: name,
  pairs: wins + ties + losses,
  prompts: wins + ties + losses,
  ...baselineFigures(
    [
      { wins: 1, ties: 0, losses: 0, prompts: wins },
      { wins: 0, ties: 1, losses: 0, prompts: ties },
      { wins: 0, ties: 0, losses: 1, prompts: losses },
    ],
    { capacity: wins + ties + losses, promptsAvailable: wins + ties + losses },
  ),
  agreement: studyAgreement([]),
  bothBad: null,
});

describe("resultsTex", () => {
  const tex = resultsTex({ target: "LIMA", baselines: [baseline("Alpaca 65B", 159, 63, 78), baseline("Bard & co_1", 2, 1, 1)], unit: "judgments", simulated: true });

  it("is a booktabs tabular with a row per baseline", () => {
    const lines = tex.split("\n");
    expect(lines).toEqual(expect.arrayContaining(["\\begin{tabular}{lrrrrrr}", "\\toprule", "\\midrule", "\\bottomrule", "\\end{tabular}"]));
    expect(tex).toContain("Baseline & Judgments & LIMA wins & Tie & LIMA loses & Equal or better [95\\% CI] & Sign test \\\\");
    expect(tex).toMatch(/^Alpaca 65B & 300 & 53\\% \(159\) & 21\\% \(63\) & 26\\% \(78\) & 74\\% \[\d+, \d+\] & \$p < 0\.001\$ \\\\$/m);
  });

  it("escapes what LaTeX would read as commands, marks few prompts and simulated data", () => {
    expect(tex).toContain("Bard \\& co\\_1 & 4 &");
    expect(tex).toContain("$^\\dagger$Fewer than 30 prompts judged");
    expect(tex).toContain("Simulated data");
    expect(texEscape("a\n\nname\t x")).toBe("a name x");
    expect(texEscape("50% of $x_1 {a} ~ ^ \\ #")).toBe("50\\% of \\$x\\_1 \\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\#");
  });
});
