import type { RaterRow } from "@/lib/results/study-results";
import { positionBias } from "@/lib/stats/position-bias";

const share = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : "–");

/** Each rater's volume, speed, side preference (with its binomial p), gold accuracy and agreement with the majority. */
export function RatersTable({ raters }: { raters: RaterRow[] }) {
  if (raters.length === 0) return <p className="text-sm text-slate-700">No judgments yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">Raters by pseudonym (the same as in the CSV export)</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">Rater</th>
            <th scope="col" className="py-2 pr-3">Judgments</th>
            <th scope="col" className="py-2 pr-3">Median time</th>
            <th scope="col" className="py-2 pr-3">Decided votes for the left answer (p)</th>
            <th scope="col" className="py-2 pr-3">Gold accuracy</th>
            <th scope="col" className="py-2 pr-3">Agrees with the pair&apos;s majority</th>
          </tr>
        </thead>
        <tbody>
          {raters.map((rater) => {
            const bias = positionBias(rater);
            return (
              <tr key={rater.rater} className="border-b border-slate-200">
                <th scope="row" className="py-2 pr-3 text-left font-mono font-normal">{rater.rater}</th>
                <td className="py-2 pr-3">{rater.judgments}</td>
                <td className="py-2 pr-3">{rater.medianSeconds === null ? "–" : `${Math.round(rater.medianSeconds)} s`}</td>
                <td className="py-2 pr-3">
                  {share(rater.left, bias.decided)} of {bias.decided} {bias.decided ? `(p = ${bias.pValue < 0.001 ? "< 0.001" : bias.pValue.toFixed(3)})` : ""}
                </td>
                <td className="py-2 pr-3">
                  {share(rater.goldCorrect, rater.goldJudged)} of {rater.goldJudged}
                </td>
                <td className="py-2 pr-3">
                  {share(rater.withMajority, rater.onSharedPairs)} of {rater.onSharedPairs}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
