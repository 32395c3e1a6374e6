import type { BaselineResult } from "@/lib/results/study-results";
import { rates } from "@/lib/stats/rates";
import type { Interval } from "@/lib/stats/interval";

const percent = (share: number) => `${Math.round(share)}%`;
const range = (interval: Interval | undefined) => (interval ? `${Math.round(interval.lower * 100)}–${Math.round(interval.upper * 100)}` : "–");
const pValue = (p: number) => (p < 0.001 ? "< 0.001" : p.toFixed(3));

/**
 * The paper's Figure 1: one horizontal stacked bar per baseline (target wins / tie / target
 * loses), with counts, 95% bootstrap intervals over prompts and the sign test of wins vs losses.
 */
export function VerdictBars({ target, baselines }: { target: string; baselines: BaselineResult[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[52rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          {target} against each baseline: share of judgments (count), and 95% intervals from a bootstrap over prompts
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">Baseline</th>
            <th scope="col" className="py-2 pr-3">Judgments</th>
            <th scope="col" className="py-2 pr-3">{target} wins</th>
            <th scope="col" className="py-2 pr-3">Tie</th>
            <th scope="col" className="py-2 pr-3">{target} loses</th>
            <th scope="col" className="py-2 pr-3">Equal or better</th>
            <th scope="col" className="py-2 pr-3">Sign test p</th>
            <th scope="col" className="w-1/4 py-2"><span className="sr-only">Chart</span></th>
          </tr>
        </thead>
        <tbody>
          {baselines.map((baseline) => {
            const r = rates(baseline);
            const ci = baseline.intervals;
            return (
              <tr key={baseline.baseline} className="border-b border-slate-200 align-top" data-baseline={baseline.baseline}>
                <th scope="row" className="py-2 pr-3 text-left font-medium">{baseline.baseline}</th>
                <td className="py-2 pr-3">{r.total}</td>
                <td className="py-2 pr-3">
                  <span data-cell="win">{percent(r.win)} ({baseline.wins})</span>
                  <span className="block text-xs text-slate-600">{range(ci?.win)}</span>
                </td>
                <td className="py-2 pr-3">
                  <span data-cell="tie">{percent(r.tie)} ({baseline.ties})</span>
                  <span className="block text-xs text-slate-600">{range(ci?.tie)}</span>
                </td>
                <td className="py-2 pr-3">
                  <span data-cell="loss">{percent(r.loss)} ({baseline.losses})</span>
                  <span className="block text-xs text-slate-600">{range(ci?.loss)}</span>
                </td>
                <td className="py-2 pr-3">
                  <span data-cell="equal-or-better">{r.total ? percent(r.equalOrBetter) : "–"}</span>
                  <span className="block text-xs text-slate-600">{range(ci?.equalOrBetter)}</span>
                </td>
                <td className="py-2 pr-3" data-cell="p">{r.total ? pValue(baseline.signTestP) : "–"}</td>
                <td className="py-2" aria-hidden="true">
                  <div className="flex h-4 w-full overflow-hidden rounded bg-slate-200">
                    <div className="bg-emerald-600" style={{ width: `${r.win}%` }} />
                    <div className="bg-slate-400" style={{ width: `${r.tie}%` }} />
                    <div className="bg-rose-600" style={{ width: `${r.loss}%` }} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
