// The paper's Figures 1 and 2: one bar per baseline, "<target> wins / Tie / Baseline wins", with
// the interval of "equal or better" (wins + ties), the share the paper quotes.
import type { Interval } from "@/lib/stats/interval";
import { percent, stackedShareFigureSvg, type StackedBar } from "./stacked-share-figure";

export interface VerdictBar {
  baseline: string;
  /** Who judged: "Raters", or a judge's name. */
  source: string;
  wins: number;
  ties: number;
  losses: number;
  equalOrBetter: Interval | null;
  fewPrompts: boolean;
}

export const VERDICT_COLORS = { win: "#047857", tie: "#94a3b8", loss: "#be123c" } as const;

/** The figure's words for a screen reader: every number the bars show. */
export function verdictDescription(target: string, bars: readonly VerdictBar[], unit: string): string {
  return bars
    .map((bar) => {
      const total = bar.wins + bar.ties + bar.losses;
      const who = bar.source === "Raters" ? "" : ` (${bar.source})`;
      if (total === 0) return `${bar.baseline}${who}: not judged yet.`;
      const share = (n: number) => percent((100 * n) / total);
      const interval = bar.equalOrBetter ? ` (95% interval ${percent(100 * bar.equalOrBetter.lower)}–${percent(100 * bar.equalOrBetter.upper)})` : "";
      return `${bar.baseline}${who}: ${target} wins ${share(bar.wins)}, tie ${share(bar.ties)}, ${bar.baseline} wins ${share(bar.losses)} of ${total} ${unit}; equal or better ${share(bar.wins + bar.ties)}${interval}${bar.fewPrompts ? ", on few prompts" : ""}.`;
    })
    .join(" ");
}

export function verdictFigureSvg({ id, title, target, bars, unit }: { id: string; title: string; target: string; bars: readonly VerdictBar[]; unit: string }): string {
  const stacked: StackedBar[] = bars.map((bar) => ({
    row: bar.baseline,
    source: bar.source,
    counts: [bar.wins, bar.ties, bar.losses],
    interval: bar.equalOrBetter,
    fewPrompts: bar.fewPrompts,
  }));
  return stackedShareFigureSvg({
    id,
    title,
    description: verdictDescription(target, bars, unit),
    categories: [
      { name: `${target} wins`, color: VERDICT_COLORS.win, text: "white" },
      { name: "Tie", color: VERDICT_COLORS.tie, text: "#0f172a" },
      { name: "Baseline wins", color: VERDICT_COLORS.loss, text: "white" },
    ],
    bars: stacked,
    unit,
    whisker: "equal or better (wins + ties)",
  });
}
