import type { BaselineLengthEffect } from "@/lib/results/length-effect";

const percent = (share: number) => `${Math.round(100 * share)}%`;

/**
 * Whether longer answers win, per baseline, for the raters and each judge: how often the longer
 * answer won a decided judgment, and the target's win rate read at equal length from a logistic
 * model of winning on the log length ratio.
 */
export function LengthTable({ target, sources }: { target: string; sources: { name: string; rows: BaselineLengthEffect[] }[] }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Answer length, scrollable">
      <table className="w-full min-w-[44rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          Among decided judgments (ties left out): how often the longer answer won, {target}&apos;s plain win rate, and its win rate with length
          controlled (a logistic model of {target} winning on ln(its length / the baseline&apos;s), read at equal length, with its 95% interval).
          Lengths are in characters; the intervals treat decided judgments as independent.
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">Baseline</th>
            <th scope="col" className="py-2 pr-3">Judged by</th>
            <th scope="col" className="py-2 pr-3">Decided</th>
            <th scope="col" className="py-2 pr-3">Longer answer won</th>
            <th scope="col" className="py-2 pr-3">{target} wins</th>
            <th scope="col" className="py-2 pr-3">Length-controlled win rate</th>
            <th scope="col" className="py-2 pr-3">Log-odds per ln(length ratio)</th>
          </tr>
        </thead>
        <tbody>
          {sources.flatMap(({ name, rows }) =>
            rows.map((row) => {
              const controlled = row.lengthControlled;
              const longer = row.longerAnswerWon;
              return (
                <tr key={`${name}-${row.baseline}`} className="border-b border-slate-200 align-top" data-length={`${name}|${row.baseline}`}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium">{row.baseline}</th>
                  <td className="py-2 pr-3">{name}</td>
                  <td className="py-2 pr-3">{longer.decided + longer.equalLength}</td>
                  <td className="py-2 pr-3" data-cell="longer-won">
                    {longer.share ? `${percent(longer.share.estimate)} of ${longer.decided} (${percent(longer.share.lower)}–${percent(longer.share.upper)})` : "–"}
                  </td>
                  <td className="py-2 pr-3" data-cell="decided-wins">
                    {row.decidedWinShare ? `${percent(row.decidedWinShare.estimate)} (${percent(row.decidedWinShare.lower)}–${percent(row.decidedWinShare.upper)})` : "–"}
                  </td>
                  <td className="py-2 pr-3" data-cell="length-controlled">
                    {controlled === null
                      ? "–"
                      : controlled.ok
                        ? `${percent(controlled.winRate.estimate)} (${percent(controlled.winRate.lower)}–${percent(controlled.winRate.upper)})`
                        : controlled.reason === "separation"
                          ? "no estimate: wins and losses are split by length alone"
                          : "no estimate: every pair has the same length ratio"}
                  </td>
                  <td className="py-2 pr-3">{controlled?.ok ? `${controlled.slope.estimate.toFixed(2)} ± ${controlled.slope.se.toFixed(2)}` : "–"}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
