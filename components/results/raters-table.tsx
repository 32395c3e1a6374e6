import type { PlainFormAction } from "@/lib/actions/form-state";
import type { Identified } from "@/lib/results/rater-identity";
import type { RaterRow } from "@/lib/results/study-results";
import { positionBias } from "@/lib/stats/position-bias";
import { formatP } from "@/lib/stats/format-p";
import { RaterExclusionForm } from "./rater-exclusion-form";
import { RaterWho } from "./rater-who";

const share = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : "–");

/**
 * Each rater's volume, speed, side preference (with its binomial p), gold accuracy and agreement
 * with the majority of the other raters, and a button to leave them out of the results or let them
 * back in; beside each pseudonym, who the rater is (`narrowed`: a search left only some raters).
 */
export function RatersTable({ raters, slug, exclude, narrowed = false }: { raters: Identified<RaterRow>[]; slug: string; exclude: PlainFormAction; narrowed?: boolean }) {
  if (raters.length === 0) return <p className="text-sm text-slate-700">{narrowed ? "No rater found." : "No judgments yet."}</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Raters, scrollable">
      <table className="w-full min-w-[62rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          Raters by pseudonym (the same as in the downloads), beside who they are: an account&apos;s email, or a crowd participant&apos;s
          platform and id there. Only this study&apos;s researchers and admins see who they are; the downloads name raters by pseudonym
          alone unless you ask for identities. An excluded rater&apos;s judgments are left out of every number on this page
          and kept in the data, marked &quot;excluded&quot; in the judgments download. Agreement is with the majority of the other raters
          on the pair, on the pairs judged by someone else too: the others are the raters counted in the results, the same for an
          excluded rater as for everyone, and the rater&apos;s own vote is never part of it. When two verdicts share the most votes among
          the others, their majority is a tie.
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">Rater</th>
            <th scope="col" className="py-2 pr-3">Who</th>
            <th scope="col" className="py-2 pr-3">Judgments</th>
            <th scope="col" className="py-2 pr-3">Median time</th>
            <th scope="col" className="py-2 pr-3">Decided votes for the left answer (p)</th>
            <th scope="col" className="py-2 pr-3">Gold accuracy</th>
            <th scope="col" className="py-2 pr-3">Agrees with the majority of the other raters on the pair (pairs judged by someone else too)</th>
            <th scope="col" className="py-2 pr-3">In the results</th>
          </tr>
        </thead>
        <tbody>
          {raters.map((rater) => {
            const bias = positionBias(rater);
            return (
              <tr key={rater.rater} className={`border-b border-slate-200 ${rater.excluded ? "bg-amber-50 text-slate-600" : ""}`} data-rater={rater.rater}>
                <th scope="row" className="py-2 pr-3 text-left font-mono font-normal">{rater.rater}</th>
                <td className="py-2 pr-3" data-cell="who">
                  <RaterWho identity={rater.identity} />
                </td>
                <td className="py-2 pr-3">{rater.judgments}</td>
                <td className="py-2 pr-3">{rater.medianSeconds === null ? "–" : `${Math.round(rater.medianSeconds)} s`}</td>
                <td className="py-2 pr-3">
                  {share(rater.left, bias.decided)} of {bias.decided} {bias.decided ? `(${formatP(bias.pValue)})` : ""}
                </td>
                <td className="py-2 pr-3">
                  {share(rater.goldCorrect, rater.goldJudged)} of {rater.goldJudged}
                </td>
                <td className="py-2 pr-3">
                  {share(rater.withMajority, rater.onSharedPairs)} of {rater.onSharedPairs}
                </td>
                <td className="py-2 pr-3">
                  <RaterExclusionForm slug={slug} rater={rater.rater} excluded={rater.excluded} action={exclude} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
