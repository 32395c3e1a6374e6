import type { PlainFormAction } from "@/lib/actions/form-state";
import type { AnswerRaterRow } from "@/lib/results/answer-raters";
import type { Identified } from "@/lib/results/rater-identity";
import { RaterExclusionForm } from "./rater-exclusion-form";
import { RaterWho } from "./rater-who";

const share = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : "–");

/**
 * The raters of a study that judges one answer at a time: how much and how fast each judged, and
 * how they used the values (each label's share, or their mean score beside how they spread
 * over the scale), so that a rater who gives everything one value stands out; beside each
 * pseudonym, who the rater is (`narrowed`: a search left only some raters).
 */
export function AnswerRatersTable({
  raters,
  slug,
  values,
  scores,
  exclude,
  narrowed = false,
}: {
  raters: Identified<AnswerRaterRow>[];
  slug: string;
  /** The kind's values as raters see them, in the counts' order. */
  values: string[];
  scores: boolean;
  exclude: PlainFormAction;
  narrowed?: boolean;
}) {
  if (raters.length === 0) return <p className="text-sm text-slate-700">{narrowed ? "No rater found." : "No judgments yet."}</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Raters, scrollable">
      <table className="w-full min-w-[54rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          Raters by pseudonym (the same as in the downloads), beside who they are: an account&apos;s email, or a crowd participant&apos;s
          platform and id there. Only this study&apos;s researchers and admins see who they are; the downloads name raters by pseudonym
          alone unless you ask for identities. An excluded rater&apos;s judgments are left out of every number on this page and
          kept in the data, marked &quot;excluded&quot; in the downloads.
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">Rater</th>
            <th scope="col" className="py-2 pr-3">Who</th>
            <th scope="col" className="py-2 pr-3">Judgments</th>
            <th scope="col" className="py-2 pr-3">Median time</th>
            {scores && <th scope="col" className="py-2 pr-3">Mean score</th>}
            {values.map((value) => (
              <th key={value} scope="col" className="py-2 pr-3">
                {value}
              </th>
            ))}
            <th scope="col" className="py-2 pr-3">In the results</th>
          </tr>
        </thead>
        <tbody>
          {raters.map((rater) => {
            const given = rater.counts.reduce((sum, count) => sum + count, 0);
            return (
              <tr key={rater.rater} className={`border-b border-slate-200 ${rater.excluded ? "bg-amber-50 text-slate-600" : ""}`} data-rater={rater.rater}>
                <th scope="row" className="py-2 pr-3 text-left font-mono font-normal">{rater.rater}</th>
                <td className="py-2 pr-3" data-cell="who">
                  <RaterWho identity={rater.identity} />
                </td>
                <td className="py-2 pr-3">{rater.judgments}</td>
                <td className="py-2 pr-3">{rater.medianSeconds === null ? "–" : `${Math.round(rater.medianSeconds)} s`}</td>
                {scores && <td className="py-2 pr-3" data-cell="mean">{rater.meanScore === null ? "–" : rater.meanScore.toFixed(2)}</td>}
                {rater.counts.map((count, index) => (
                  <td key={values[index]} className="py-2 pr-3" data-cell={values[index]}>
                    {share(count, given)} ({count})
                  </td>
                ))}
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
