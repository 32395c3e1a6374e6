// The summary per baseline as a LaTeX table (booktabs) to \input into a paper: counts, shares,
// the 95% interval of "equal or better" and the sign test, the numbers of the results page.
import type { BaselineResult } from "@/lib/results/study-results";
import { formatP } from "@/lib/stats/format-p";
import { rates } from "@/lib/stats/rates";

const SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Text as LaTeX sets it in a cell: its special characters escaped, and any run of white space one space (a blank line would end the row). */
export const texEscape = (text: string) => text.replace(/\s+/g, " ").replace(/[\\&%$#_{}~^]/g, (c) => SPECIAL[c]);

const percent = (share: number) => `${Math.round(share)}\\%`;

export interface ResultsTable {
  target: string;
  baselines: readonly BaselineResult[];
  /** "judgments", or "pairs" under the majority view. */
  unit: "judgments" | "pairs";
  simulated: boolean;
}

export function resultsTex({ target, baselines, unit, simulated }: ResultsTable): string {
  const t = texEscape(target);
  const rows = baselines.map((b) => {
    const r = rates(b);
    const ci = b.intervals?.equalOrBetter;
    const cells = r.total
      ? [
          `${r.total}`,
          `${percent(r.win)} (${b.wins})`,
          `${percent(r.tie)} (${b.ties})`,
          `${percent(r.loss)} (${b.losses})`,
          `${percent(r.equalOrBetter)}${ci ? ` [${Math.round(100 * ci.lower)}, ${Math.round(100 * ci.upper)}]` : ""}${b.fewPrompts ? "$^\\dagger$" : ""}`,
          `$${formatP(b.signTestP)}$`,
        ]
      : ["0", "--", "--", "--", "--", "--"];
    return `${texEscape(b.baseline)} & ${cells.join(" & ")} \\\\`;
  });
  const notes = [
    `Shares of ${unit}; equal or better is ${t} wins plus ties, with its 95\\% interval (Wilson's, on ${unit} divided by the design effect of their clustering by prompt). Sign test: exact two-sided binomial test of wins against losses.`,
    ...(baselines.some((b) => b.fewPrompts && rates(b).total) ? ["$^\\dagger$Fewer than 30 prompts judged: the interval is unsteady."] : []),
    ...(simulated ? ["Simulated data: the judgments were drawn at random, not given by people."] : []),
  ];
  return [
    "% Requires \\usepackage{booktabs}.",
    "\\begin{tabular}{lrrrrrr}",
    "\\toprule",
    `Baseline & ${unit === "pairs" ? "Pairs" : "Judgments"} & ${t} wins & Tie & ${t} loses & Equal or better [95\\% CI] & Sign test \\\\`,
    "\\midrule",
    ...rows,
    "\\bottomrule",
    `\\multicolumn{7}{p{0.95\\linewidth}}{\\footnotesize ${notes.join(" ")}} \\\\`,
    "\\end{tabular}",
    "",
  ].join("\n");
}
