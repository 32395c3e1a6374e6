// What every benchmark returns, and the table run.ts prints. Benchmarks report; tests assert: a
// missed target is a row marked MISSED, not a failure of the run.

export interface BenchContext {
  /** A fresh temporary folder for generated files, removed after the run. */
  dir: string;
  /** Progress lines for the terminal while a benchmark runs (stderr). */
  log: (line: string) => void;
}

export interface BenchRow {
  benchmark: string;
  measured: string;
  /** What the measured value is compared with, when it is compared with something ("" if not). */
  baseline: string;
  ratio: string;
  target: string;
  /** null: for information, no target. */
  pass: boolean | null;
}

export type Benchmark = (context: BenchContext) => Promise<BenchRow[]>;

export const status = (row: BenchRow) => (row.pass === null ? "info" : row.pass ? "PASS" : "MISSED");

export function formatTable(rows: BenchRow[]): string {
  const header = ["benchmark", "measured", "baseline", "ratio", "target", "result"];
  const cells = rows.map((row) => [row.benchmark, row.measured, row.baseline || "—", row.ratio || "—", row.target || "—", status(row)]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line: string[]) => `| ${line.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [format(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(format)].join("\n");
}

// Figures as the table shows them.
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const perSecond = (rows: number, ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString("en")} rows/s`;
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const count = (n: number) => n.toLocaleString("en");
