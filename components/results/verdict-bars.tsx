import type { BothBad } from "@/lib/results/both-bad";
import type { BaselineResult } from "@/lib/results/study-results";
import { rates } from "@/lib/stats/rates";
import { formatP } from "@/lib/stats/format-p";
import type { Interval } from "@/lib/stats/interval";

const percent = (share: number) => `${Math.round(share)}%`;
const range = (interval: Interval | undefined) => (interval ? `${Math.round(interval.lower * 100)}–${Math.round(interval.upper * 100)}` : "–");

/**
 * Figure 1's numbers as a table: per baseline the counts and shares, their 95% intervals
 * clustered by prompt, and the sign test of wins against losses. Where the study offers "Both
 * are bad" (or has some), a column beside the ties says how many of them it was: counted in the
 * ties, and on its own there, always over every judgment.
 */
export function VerdictBars({ target, baselines, unit, bothBad = false }: { target: string; baselines: BaselineResult[]; unit: "judgments" | "pairs"; bothBad?: boolean }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Win, tie and loss per baseline, scrollable">
      <table className="w-full min-w-[52rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          {target} against each baseline: share (count), and 95% intervals (Wilson&apos;s, on the judgments divided by the design effect of their
          clustering by prompt; † fewer than 30 prompts judged, so the interval is unsteady)
          {bothBad && (
            <>
              . &ldquo;Both are bad&rdquo; counts as a tie; its column gives its share of the judgments (count), then how many of the tied judgments it was
              {unit === "pairs" && " (judgments, not pairs: a pair's majority does not say which kind of tie)"}
            </>
          )}
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">Baseline</th>
            <th scope="col" className="py-2 pr-3">{unit === "pairs" ? "Pairs" : "Judgments"}</th>
            <th scope="col" className="py-2 pr-3">{target} wins</th>
            <th scope="col" className="py-2 pr-3">Tie</th>
            {bothBad && <th scope="col" className="py-2 pr-3">Both are bad</th>}
            <th scope="col" className="py-2 pr-3">{target} loses</th>
            <th scope="col" className="py-2 pr-3">Equal or better</th>
            <th scope="col" className="py-2 pr-3">Sign test</th>
          </tr>
        </thead>
        <tbody>
          {baselines.map((baseline) => {
            const r = rates(baseline);
            const ci = baseline.intervals;
            return (
              <tr key={baseline.baseline} className="border-b border-slate-200 align-top" data-baseline={baseline.baseline}>
                <th scope="row" className="py-2 pr-3 text-left font-medium">
                  {baseline.baseline}
                  {baseline.fewPrompts && r.total > 0 && <span title="fewer than 30 prompts judged"> †</span>}
                </th>
                <td className="py-2 pr-3">{r.total}</td>
                <td className="py-2 pr-3">
                  <span data-cell="win">{percent(r.win)} ({baseline.wins})</span>
                  <span className="block text-xs text-slate-600">{range(ci?.win)}</span>
                </td>
                <td className="py-2 pr-3">
                  <span data-cell="tie">{percent(r.tie)} ({baseline.ties})</span>
                  <span className="block text-xs text-slate-600">{range(ci?.tie)}</span>
                </td>
                {bothBad && <BothBadCell counts={baseline.bothBad} />}
                <td className="py-2 pr-3">
                  <span data-cell="loss">{percent(r.loss)} ({baseline.losses})</span>
                  <span className="block text-xs text-slate-600">{range(ci?.loss)}</span>
                </td>
                <td className="py-2 pr-3">
                  <span data-cell="equal-or-better">{r.total ? percent(r.equalOrBetter) : "–"}</span>
                  <span className="block text-xs text-slate-600">{range(ci?.equalOrBetter)}</span>
                </td>
                <td className="py-2 pr-3" data-cell="p">{r.total ? formatP(baseline.signTestP) : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "Both are bad" against one baseline: its share of every judgment (its count), then how many of the tied judgments it is. */
function BothBadCell({ counts }: { counts: BothBad | null }) {
  const { share = null, bothBad = 0, ties = 0 } = counts ?? {};
  return (
    <td className="py-2 pr-3">
      <span data-cell="both-bad">
        {share === null ? "–" : percent(100 * share)} ({bothBad})
      </span>
      <span className="block text-xs text-slate-600">
        {bothBad} of {ties} tied {ties === 1 ? "judgment" : "judgments"}
      </span>
    </td>
  );
}
