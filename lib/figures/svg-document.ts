// Figures are drawn by Observable Plot into a server-side DOM (linkedom), so the SVG a page shows
// and the SVG a researcher downloads are the same markup from the same function. A figure is put
// together from several plots (legend, chart, notes) stacked in one standalone <svg> that names
// itself for screen readers with <title> and <desc>.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Fonts the PNG rasteriser finds on Debian as well as in browsers; the page and file share them. */
export const FONT_FAMILY = "DejaVu Sans, Lato, Helvetica, Arial, sans-serif";

export type PlotOptions = Omit<Plot.PlotOptions, "document">;

function newDocument(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

export interface FigureParts {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  description: string;
  width: number;
  /** The plots, top to bottom. */
  plots: PlotOptions[];
}

/** The figure as standalone SVG markup. */
export function figureSvg({ id, title, description, width, plots }: FigureParts): string {
  const document = newDocument();
  const root = document.createElementNS(SVG_NS, "svg");
  root.setAttribute("xmlns", SVG_NS);
  root.setAttribute("role", "img");
  root.setAttribute("aria-labelledby", `${id}-title ${id}-desc`);
  root.setAttribute("font-family", FONT_FAMILY);
  const titleElement = document.createElementNS(SVG_NS, "title");
  titleElement.setAttribute("id", `${id}-title`);
  titleElement.textContent = title;
  const descElement = document.createElementNS(SVG_NS, "desc");
  descElement.setAttribute("id", `${id}-desc`);
  descElement.textContent = description;
  // A white ground, so the PNG and a dark-mode viewer show what the page shows.
  const ground = document.createElementNS(SVG_NS, "rect");
  ground.setAttribute("width", "100%");
  ground.setAttribute("height", "100%");
  ground.setAttribute("fill", "white");
  root.append(titleElement, descElement, ground);
  let top = 0;
  for (const options of plots) {
    const chart = Plot.plot({ ...options, width, style: { fontFamily: FONT_FAMILY, fontSize: "12px", background: "white", color: "#0f172a" }, document }) as unknown as Element;
    const height = Number(chart.getAttribute("height"));
    chart.setAttribute("y", String(top));
    chart.setAttribute("x", "0");
    // The parts are drawing, not content: the root's title and description speak for them.
    chart.setAttribute("aria-hidden", "true");
    root.append(chart);
    top += height;
  }
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(top));
  root.setAttribute("viewBox", `0 0 ${width} ${top}`);
  // Control characters cannot appear in XML at all: one in a system's name would make the file
  // unreadable (and the PNG fail), so they go.
  return root.outerHTML.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

export interface LegendEntry {
  label: string;
  /** A filled square of this colour, or a short horizontal rule for a whisker. */
  color: string;
  mark?: "swatch" | "rule";
}

/** Rough width of a label in the 12-px sans-serif the figures use: enough to lay legend entries side by side. */
export const textWidth = (text: string) => text.length * 7;

/** A legend as a one-row plot: a square (or rule) and a label per entry, left to right. */
export function legendPlot(entries: readonly LegendEntry[], marginLeft: number): PlotOptions {
  let x = marginLeft;
  const placed = entries.map((entry) => {
    const at = { ...entry, x };
    x += 26 + textWidth(entry.label);
    return at;
  });
  const swatches = placed.filter((entry) => entry.mark !== "rule");
  const rules = placed.filter((entry) => entry.mark === "rule");
  return {
    height: 28,
    margin: 0,
    x: { type: "identity" },
    y: { type: "identity" },
    marks: [
      Plot.dot(swatches, { x: (d) => d.x + 6, y: 14, r: 6, symbol: "square", fill: (d) => d.color }),
      Plot.link(rules, { x1: (d) => d.x, x2: (d) => d.x + 14, y1: 14, y2: 14, stroke: (d) => d.color, strokeWidth: 2 }),
      Plot.text(placed, { x: (d) => d.x + 18, y: 14, text: "label", textAnchor: "start", fill: "#0f172a" }),
    ],
  };
}

/** Lines of small print under a chart (what a mark means, how the figures were made). */
export function notesPlot(lines: readonly string[], marginLeft: number): PlotOptions {
  return {
    height: 8 + 16 * lines.length,
    margin: 0,
    x: { type: "identity" },
    y: { type: "identity" },
    marks: [Plot.text(lines, { x: marginLeft, y: (_, i) => 12 + 16 * i, text: (d) => d, textAnchor: "start", fill: "#475569", fontSize: 11 })],
  };
}
