// One horizontal stacked bar per row, three categories from best to worst, each segment labelled
// with its share, and the 95% interval of the first two together (the paper's "equal or better";
// "pass or better" for labels) as a whisker at the second one's far end. Rows keep the order
// given. With several sources (the raters and a judge) their bars stand side by side per row,
// under the row's name.
import * as Plot from "@observablehq/plot";
import type { Interval } from "@/lib/stats/interval";
import { figureSvg, legendPlot, notesPlot, textWidth, type PlotOptions } from "./svg-document";

export interface StackedBar {
  /** The row: a baseline, or a system. */
  row: string;
  /** Who judged: "Raters", or a judge's name. */
  source: string;
  /** Counts per category, best first. */
  counts: readonly [number, number, number];
  /** Of the first two categories together. */
  interval: Interval | null;
  /** The bar rests on too few prompts for a steady interval: marked with a dagger. */
  fewPrompts: boolean;
}

export interface Category {
  name: string;
  color: string;
  /** Dark text on a light segment, white on a dark one. */
  text: string;
}

export interface StackedShareFigure {
  id: string;
  title: string;
  /** Screen-reader text: every number the bars show. */
  description: string;
  categories: readonly [Category, Category, Category];
  bars: readonly StackedBar[];
  /** What the shares count, for the axis: "judgments", "pairs", "labels". */
  unit: string;
  /** What the whisker is the interval of, e.g. "equal or better (wins + ties)". */
  whisker: string;
}

const WIDTH = 760;
const BAND = 30;
/** Segments narrower than this share of the bar carry no label: it would not fit. */
const LABEL_FROM = 6;

export const percent = (share: number) => `${Math.round(share)}%`;

export function stackedShareFigureSvg({ id, title, description, categories, bars, unit, whisker }: StackedShareFigure): string {
  const rows = [...new Set(bars.map((bar) => bar.row))];
  const sources = [...new Set(bars.map((bar) => bar.source))];
  const side = sources.length > 1;
  const y = side ? "source" : "row";
  const fy = side ? "row" : undefined;
  const marginLeft = 16 + Math.max(...(side ? [...sources, ...rows] : rows).map(textWidth), 40);
  const segments = bars.flatMap((bar) => {
    const total = bar.counts[0] + bar.counts[1] + bar.counts[2];
    return total === 0 ? [] : bar.counts.map((count, category) => ({ row: bar.row, source: bar.source, category, share: (100 * count) / total }));
  });
  const whiskers = bars.flatMap((bar) => (bar.interval ? [{ ...bar, lower: 100 * bar.interval.lower, upper: 100 * bar.interval.upper }] : []));
  const order = [0, 1, 2];
  const chart: PlotOptions = {
    height: 48 + BAND * bars.length + (side ? 26 * rows.length : 0),
    marginLeft,
    marginRight: 24,
    marginTop: side ? 26 : 8,
    marginBottom: 40,
    x: { domain: [0, 100], label: `Share of ${unit} (%)`, labelAnchor: "center", labelArrow: "none", ticks: 5 },
    y: { domain: side ? sources : rows, label: null, padding: 0.22 },
    fy: side ? { domain: rows, label: null, padding: 0.3 } : undefined,
    color: { domain: order, range: categories.map((category) => category.color) },
    marks: [
      Plot.barX(segments, Plot.stackX({ x: "share", y, fy, fill: "category", order })),
      Plot.text(
        segments,
        Plot.stackX({
          x: "share",
          y,
          fy,
          z: "category",
          order,
          text: (d: { share: number }) => (d.share >= LABEL_FROM ? percent(d.share) : ""),
          fill: (d: { category: number }) => categories[d.category].text,
          fontWeight: 600,
        }),
      ),
      Plot.ruleY(whiskers, { y, fy, x1: "lower", x2: "upper", stroke: "#0f172a", strokeWidth: 1.5 }),
      Plot.tickX(whiskers, { x: "lower", y, fy, stroke: "#0f172a", strokeWidth: 1.5, inset: 8 }),
      Plot.tickX(whiskers, { x: "upper", y, fy, stroke: "#0f172a", strokeWidth: 1.5, inset: 8 }),
      Plot.text(bars.filter((bar) => bar.fewPrompts), { x: 100, y, fy, text: () => "†", dx: 10, fill: "#0f172a" }),
      Plot.axisY({ tickSize: 0 }),
      // Each row's name heads its group, above its bars.
      ...(side ? [Plot.axisFy({ anchor: "left", dx: -marginLeft + 16, textAnchor: "start", fontWeight: 600, tickSize: 0, dy: -(sources.length * BAND) / 2 - 8 })] : []),
    ],
  };
  const notes = [
    ...(bars.some((bar) => bar.fewPrompts) ? ["† fewer than 30 prompts judged: the interval is unsteady"] : []),
    `Whisker: 95% interval of ${whisker}, clustered by prompt`,
  ];
  return figureSvg({
    id,
    title,
    description,
    width: WIDTH,
    plots: [
      legendPlot([...categories.map((category) => ({ label: category.name, color: category.color })), { label: "95% interval", color: "#0f172a", mark: "rule" }], marginLeft),
      chart,
      notesPlot(notes, marginLeft),
    ],
  });
}
