import type { BreakdownRow } from "@/lib/results/breakdown";
import { rates } from "@/lib/stats/rates";

const percent = (share: number) => `${Math.round(share)}%`;

export function BreakdownTable({ rows, target }: { rows: BreakdownRow[]; target: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-700">No judgments yet.</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="By prompt source and tag, scrollable">
      <table className="w-full min-w-[36rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          {target} wins / ties / loses, by prompt source and by tag
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-2 pr-3">Prompts</th>
            <th scope="col" className="py-2 pr-3">Baseline</th>
            <th scope="col" className="py-2 pr-3">Judgments</th>
            <th scope="col" className="py-2 pr-3">Win / tie / loss</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const r = rates(row);
            return (
              <tr key={`${row.by}:${row.group}:${row.baseline}`} className="border-b border-slate-200" data-group={`${row.by}:${row.group}:${row.baseline}`}>
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  {row.by} <span className="font-medium">{row.group}</span>
                </th>
                <td className="py-2 pr-3">{row.baseline}</td>
                <td className="py-2 pr-3">{r.total}</td>
                <td className="py-2 pr-3" data-cell="shares">
                  {percent(r.win)} / {percent(r.tie)} / {percent(r.loss)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
