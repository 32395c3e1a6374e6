// An absolute (or multi-turn) study's figure: each system's answers labelled Excellent / Pass /
// Fail, as the paper's analysis of 50 outputs reports them, with the interval of "pass or better".
import type { LabelSummary } from "@/lib/results/answer-figures";
import { FEW_PROMPTS } from "@/lib/stats/clustered-shares";
import { percent, stackedShareFigureSvg } from "./stacked-share-figure";

export interface LabelRow extends LabelSummary {
  system: string;
}

export function labelDescription(rows: readonly LabelRow[]): string {
  return rows
    .map((row) => {
      if (row.labels === 0) return `${row.system}: not labelled yet.`;
      const share = (n: number) => percent((100 * n) / row.labels);
      const interval = row.intervals ? ` (95% interval ${percent(100 * row.intervals.passOrBetter.lower)}–${percent(100 * row.intervals.passOrBetter.upper)})` : "";
      return `${row.system}: Excellent ${share(row.excellent)}, Pass ${share(row.pass)}, Fail ${share(row.fail)} of ${row.labels} labels; pass or better ${share(row.excellent + row.pass)}${interval}.`;
    })
    .join(" ");
}

export function labelFigureSvg({ id, title, rows }: { id: string; title: string; rows: readonly LabelRow[] }): string {
  return stackedShareFigureSvg({
    id,
    title,
    description: labelDescription(rows),
    categories: [
      { name: "Excellent", color: "#047857", text: "white" },
      { name: "Pass", color: "#94a3b8", text: "#0f172a" },
      { name: "Fail", color: "#be123c", text: "white" },
    ],
    bars: rows.map((row) => ({
      row: row.system,
      source: "Raters",
      counts: [row.excellent, row.pass, row.fail],
      interval: row.intervals?.passOrBetter ?? null,
      fewPrompts: row.labels > 0 && row.answers < FEW_PROMPTS,
    })),
    unit: "labels",
    whisker: "pass or better (Excellent + Pass)",
  });
}
