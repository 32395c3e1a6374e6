// One way to write a p-value everywhere it shows (page, downloads, LaTeX): "p < 0.001" below a
// thousandth, otherwise three decimals, "p = 0.087", as APA style writes them.
export function formatP(p: number): string {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a p-value is in [0, 1], got ${p}`);
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}
