import type { BaselineTally } from "@/lib/judgments/tally-by-baseline";
import { rates } from "@/lib/stats/rates";

const percent = (value: number) => `${Math.round(value)}%`;

/** The paper's Figure 1: one horizontal stacked bar per baseline, target wins / tie / target loses. */
export function VerdictBars({ target, tallies }: { target: string; tallies: BaselineTally[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          {target} against each baseline, share of judgments (counts in brackets)
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-2 pr-3">Baseline</th>
            <th scope="col" className="py-2 pr-3">Judgments</th>
            <th scope="col" className="py-2 pr-3">{target} wins</th>
            <th scope="col" className="py-2 pr-3">Tie</th>
            <th scope="col" className="py-2 pr-3">{target} loses</th>
            <th scope="col" className="py-2 pr-3">Equal or better</th>
            <th scope="col" className="w-1/3 py-2"><span className="sr-only">Chart</span></th>
          </tr>
        </thead>
        <tbody>
          {tallies.map((tally) => {
            const r = rates(tally);
            return (
              <tr key={tally.baseline} className="border-b border-slate-200" data-baseline={tally.baseline}>
                <th scope="row" className="py-2 pr-3 text-left font-medium">{tally.baseline}</th>
                <td className="py-2 pr-3">{r.total}</td>
                <td className="py-2 pr-3" data-cell="win">{percent(r.win)} ({tally.wins})</td>
                <td className="py-2 pr-3" data-cell="tie">{percent(r.tie)} ({tally.ties})</td>
                <td className="py-2 pr-3" data-cell="loss">{percent(r.loss)} ({tally.losses})</td>
                <td className="py-2 pr-3">{r.total ? percent(r.equalOrBetter) : "–"}</td>
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
