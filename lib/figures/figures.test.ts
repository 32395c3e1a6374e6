import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { labelFigureSvg } from "./label-figure";
import { likertFigureSvg } from "./likert-figure";
import { figurePng } from "./png";
import { verdictFigureSvg, type VerdictBar } from "./verdict-figure";

// The paper's Figure 1 (win / tie / loss %), as 300 judgments each.
const PAPER = [
  ["Alpaca 65B", 53, 21, 26],
  ["DaVinci003", 44, 21, 35],
  ["Bard", 33, 25, 42],
  ["Claude", 24, 22, 54],
  ["GPT-4", 18, 25, 57],
] as const;
const bars: VerdictBar[] = PAPER.map(([baseline, w, t, l]) => ({
  baseline,
  source: "Raters",
  wins: 3 * w,
  ties: 3 * t,
  losses: 3 * l,
  equalOrBetter: { estimate: (w + t) / 100, lower: (w + t - 6) / 100, upper: (w + t + 5) / 100 },
  fewPrompts: false,
}));

const parse = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;
const texts = (svg: string) => [...parse(svg).querySelectorAll("text")].map((t) => t.textContent);

describe("verdictFigureSvg", () => {
  const svg = verdictFigureSvg({ id: "f1", title: "Figure 1: LIMA against each baseline", target: "LIMA", bars, unit: "judgments" });

  it("is one standalone SVG that names itself for screen readers", () => {
    const root = parse(svg).querySelector("body > svg")!;
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(root.getAttribute("role")).toBe("img");
    expect(root.getAttribute("aria-labelledby")).toBe("f1-title f1-desc");
    expect(parse(svg).getElementById("f1-title")!.textContent).toBe("Figure 1: LIMA against each baseline");
    expect(parse(svg).getElementById("f1-desc")!.textContent).toContain("Alpaca 65B: LIMA wins 53%, tie 21%, Alpaca 65B wins 26% of 300 judgments; equal or better 74% (95% interval 68%–79%).");
  });

  it("has the legend, every baseline in the study's order and every segment's share", () => {
    const all = texts(svg);
    for (const label of ["LIMA wins", "Tie", "Baseline wins", "95% interval", "Share of judgments (%)"]) expect(all).toContain(label);
    const names = all.filter((t) => PAPER.some(([b]) => b === t));
    expect(names).toEqual(PAPER.map(([b]) => b));
    for (const [, w, t, l] of PAPER) for (const share of [w, t, l]) expect(all).toContain(`${share}%`);
  });

  it("draws the equal-or-better interval as a whisker per bar", () => {
    const rules = parse(svg).querySelectorAll('g[aria-label="rule"] line');
    expect(rules).toHaveLength(PAPER.length);
  });

  it("marks bars on few prompts, and sets names as text, never as markup", () => {
    const marked = verdictFigureSvg({ id: "x", title: "<b>t</b>", target: "LIMA", bars: [{ ...bars[0], baseline: "<script>alert(1)</script>", fewPrompts: true }], unit: "judgments" });
    expect(marked).not.toContain("<script>");
    expect(marked).toContain("&lt;script&gt;");
    expect(texts(marked)).toContain("†");
    expect(texts(marked).some((t) => t?.startsWith("† fewer than 30 prompts"))).toBe(true);
    // A control character, which no XML file may hold, is dropped rather than breaking the file.
    expect(verdictFigureSvg({ id: "y", title: "t", target: "LIMA", bars: [{ ...bars[0], baseline: "Bell\u0007 model" }], unit: "judgments" })).toContain("Bell model");
  });

  it("puts several sources side by side under each baseline", () => {
    const both = verdictFigureSvg({ id: "c", title: "t", target: "LIMA", bars: bars.flatMap((bar) => [bar, { ...bar, source: "GPT-4 judge" }]), unit: "judgments" });
    const all = texts(both);
    expect(all.filter((t) => t === "Raters")).toHaveLength(PAPER.length);
    expect(all.filter((t) => t === "GPT-4 judge")).toHaveLength(PAPER.length);
    expect(all.filter((t) => PAPER.some(([b]) => b === t))).toEqual(PAPER.map(([b]) => b));
  });
});

describe("the single-answer figures", () => {
  it("labels each system's Excellent / Pass / Fail shares", () => {
    const labels = labelFigureSvg({
      id: "l",
      title: "Labels",
      rows: [{ system: "LIMA", answers: 50, labels: 50, excellent: 25, pass: 19, fail: 6, intervals: null }],
    });
    expect(texts(labels)).toEqual(expect.arrayContaining(["Excellent", "Pass", "Fail", "LIMA", "50%", "38%", "12%"]));
  });

  it("draws each system's mean helpfulness with its interval", () => {
    const likert = likertFigureSvg({ id: "k", title: "Helpfulness", systems: [{ system: "Stack Exchange (filtered)", answers: 50, scores: 250, average: 3.83, halfWidth: 0.23, mean: { estimate: 3.83, lower: 3.6, upper: 4.06, n: 50, sd: 0.8, df: 49 }, bootstrap: null, distribution: [] }], scale: { min: 1, max: 6 } });
    expect(texts(likert)).toEqual(expect.arrayContaining(["Stack Exchange (filtered)", "3.83"]));
    expect(parse(likert).querySelectorAll('g[aria-label="rule"] line')).toHaveLength(1);
  });
});

describe("figurePng", () => {
  it("rasterises the SVG at twice its size", () => {
    const svg = verdictFigureSvg({ id: "p", title: "t", target: "LIMA", bars, unit: "judgments" });
    const png = figurePng(svg);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The IHDR chunk holds the width and height, big-endian, from byte 16.
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const root = parse(svg).querySelector("body > svg")!;
    expect(width).toBe(2 * Number(root.getAttribute("width")));
    expect(height).toBe(2 * Number(root.getAttribute("height")));
  });
});
