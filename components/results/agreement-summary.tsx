import type { BaselineResult, StudyResults } from "@/lib/results/study-results";
import type { Agreement } from "@/lib/stats/agreement";
import { formatP } from "@/lib/stats/format-p";

const show = (value: number | null) => (value === null ? "–" : value.toFixed(2));
const percent = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)}%`);

function Row({ label, agreement }: { label: string; agreement: Agreement }) {
  return (
    <tr className="border-b border-slate-200" data-agreement={label}>
      <th scope="row" className="py-1 pr-3 text-left font-medium">{label}</th>
      <td className="py-1 pr-3" data-cell="items">{agreement.items}</td>
      <td className="py-1 pr-3" data-cell="rater-pairs">{agreement.raterPairs}</td>
      <td className="py-1 pr-3" data-cell="tda">{percent(agreement.tieDiscountedAccuracy)}</td>
      <td className="py-1 pr-3" data-cell="fleiss">{show(agreement.fleissKappa)}</td>
      <td className="py-1 pr-3" data-cell="alpha">{show(agreement.krippendorffAlpha)}</td>
    </tr>
  );
}

/**
 * How far raters agree, overall and per baseline, each figure with the pairs it rests on; and
 * whether they lean on a screen side.
 */
export function AgreementSummary({ agreement, baselines, positionBias }: Pick<StudyResults, "agreement" | "positionBias"> & { baselines: BaselineResult[] }) {
  return (
    <div className="space-y-3 text-sm">
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Rater agreement, scrollable">
        <table className="w-full min-w-[40rem] max-w-4xl border-collapse">
          <caption className="mb-1 text-left text-slate-700">
            Agreement on the pairs judged by two raters or more. Tie-discounted accuracy is the paper&apos;s; Fleiss&apos; κ (as Gwet generalises it to
            uneven raters per pair, pairs judged once counting towards how often each verdict is used) and Krippendorff&apos;s α correct for chance.
          </caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1 pr-3">Pairs of</th>
              <th scope="col" className="py-1 pr-3">Pairs judged twice or more</th>
              <th scope="col" className="py-1 pr-3">Rater pairs</th>
              <th scope="col" className="py-1 pr-3">Tie-discounted accuracy</th>
              <th scope="col" className="py-1 pr-3">Fleiss&apos; κ</th>
              <th scope="col" className="py-1 pr-3">Krippendorff&apos;s α</th>
            </tr>
          </thead>
          <tbody>
            <Row label="All baselines" agreement={agreement} />
            {baselines.map((baseline) => (
              <Row key={baseline.baseline} label={baseline.baseline} agreement={baseline.agreement} />
            ))}
          </tbody>
        </table>
      </div>
      <p data-cell="position-bias">
        <span className="font-medium">Position bias: </span>
        {positionBias.leftShare === null
          ? "no decided votes yet"
          : `${Math.round(positionBias.leftShare * 100)}% of ${positionBias.decided} decided votes went to the left answer (binomial test, ${formatP(positionBias.pValue)})`}
      </p>
    </div>
  );
}
