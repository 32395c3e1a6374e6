// A Likert study's figure, as the paper's ablations draw theirs: each system's mean helpfulness on
// its scale (the paper's 1–6) as a dot, with its two-sided 95% interval as a whisker.
import * as Plot from "@observablehq/plot";
import type { SystemScores } from "@/lib/results/answer-figures";
import { FEW_PROMPTS } from "@/lib/stats/clustered-shares";
import { figureSvg, notesPlot, textWidth } from "./svg-document";

const WIDTH = 760;

export function likertDescription(systems: readonly SystemScores[]): string {
  return systems
    .map((s) => (s.mean ? `${s.system}: mean ${s.mean.estimate.toFixed(2)} (95% interval ${s.mean.lower.toFixed(2)}–${s.mean.upper.toFixed(2)}) over ${s.answers} answers.` : `${s.system}: fewer than two answers rated.`))
    .join(" ");
}

export function likertFigureSvg({ id, title, systems, scale }: { id: string; title: string; systems: readonly SystemScores[]; scale: { min: number; max: number } }): string {
  const rated = systems.filter((s) => s.mean).map((s) => ({ system: s.system, mean: s.mean!.estimate, lower: s.mean!.lower, upper: s.mean!.upper, few: s.answers < FEW_PROMPTS }));
  const marginLeft = 16 + Math.max(...systems.map((s) => textWidth(s.system)), 40);
  const notes = [
    ...(rated.some((s) => s.few) ? ["† fewer than 30 answers rated: the interval is unsteady"] : []),
    "Dot: mean helpfulness; whisker: two-sided 95% t interval over answers",
  ];
  return figureSvg({
    id,
    title,
    description: likertDescription(systems),
    width: WIDTH,
    plots: [
      {
        height: 56 + 30 * systems.length,
        marginLeft,
        marginRight: 40,
        marginTop: 12,
        marginBottom: 40,
        x: { domain: [scale.min, scale.max], label: `Helpfulness (${scale.min} not helpful – ${scale.max} highly helpful)`, labelAnchor: "center", labelArrow: "none", ticks: scale.max - scale.min + 1, grid: true },
        y: { domain: systems.map((s) => s.system), label: null },
        marks: [
          Plot.ruleY(rated, { y: "system", x1: "lower", x2: "upper", stroke: "#0f172a", strokeWidth: 1.5 }),
          Plot.dot(rated, { y: "system", x: "mean", r: 5, fill: "#0369a1" }),
          Plot.text(rated, { y: "system", x: "mean", text: (d) => d.mean.toFixed(2), dy: -12, fill: "#0f172a", fontWeight: 600 }),
          Plot.text(rated.filter((d) => d.few), { y: "system", x: scale.max, text: () => "†", dx: 14, fill: "#0f172a" }),
          Plot.axisY({ tickSize: 0 }),
        ],
      },
      notesPlot(notes, marginLeft),
    ],
  });
}
