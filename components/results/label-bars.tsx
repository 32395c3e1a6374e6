import type { SystemLabels } from "@/lib/results/label-results";
import type { Interval } from "@/lib/stats/interval";

const share = (count: number, total: number) => (total ? `${Math.round((100 * count) / total)}%` : "–");
const range = (interval: Interval | undefined) => (interval ? `${Math.round(interval.lower * 100)}–${Math.round(interval.upper * 100)}` : "–");

/** An absolute study's labels per system: Excellent / Pass / Fail shares with counts, 95% bootstrap intervals over prompts, and a stacked bar. */
export function LabelBars({ systems }: { systems: SystemLabels[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[48rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          Each system&apos;s answers: share of labels (count), and 95% intervals from a bootstrap over prompts
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">System</th>
            <th scope="col" className="py-2 pr-3">Answers labelled</th>
            <th scope="col" className="py-2 pr-3">Labels</th>
            <th scope="col" className="py-2 pr-3">Excellent</th>
            <th scope="col" className="py-2 pr-3">Pass</th>
            <th scope="col" className="py-2 pr-3">Fail</th>
            <th scope="col" className="py-2 pr-3">Pass or better</th>
            <th scope="col" className="w-1/4 py-2"><span className="sr-only">Chart</span></th>
          </tr>
        </thead>
        <tbody>
          {systems.map((system) => {
            const ci = system.intervals;
            const width = (count: number) => `${system.labels ? (100 * count) / system.labels : 0}%`;
            return (
              <tr key={system.system} className="border-b border-slate-200 align-top" data-system={system.system}>
                <th scope="row" className="py-2 pr-3 text-left font-medium">{system.system}</th>
                <td className="py-2 pr-3">{system.answers}</td>
                <td className="py-2 pr-3">{system.labels}</td>
                {(
                  [
                    ["excellent", system.excellent, ci?.excellent],
                    ["pass", system.pass, ci?.pass],
                    ["fail", system.fail, ci?.fail],
                    ["pass-or-better", system.excellent + system.pass, ci?.passOrBetter],
                  ] as const
                ).map(([cell, count, interval]) => (
                  <td key={cell} className="py-2 pr-3">
                    <span data-cell={cell}>
                      {share(count, system.labels)} ({count})
                    </span>
                    <span className="block text-xs text-slate-600">{range(interval)}</span>
                  </td>
                ))}
                <td className="py-2" aria-hidden="true">
                  <div className="flex h-4 w-full overflow-hidden rounded bg-slate-200">
                    <div className="bg-emerald-600" style={{ width: width(system.excellent) }} />
                    <div className="bg-sky-500" style={{ width: width(system.pass) }} />
                    <div className="bg-rose-600" style={{ width: width(system.fail) }} />
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
