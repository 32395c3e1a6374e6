import type { LabelSummary } from "@/lib/results/answer-figures";
import type { Interval } from "@/lib/stats/interval";

const share = (count: number, total: number) => (total ? `${Math.round((100 * count) / total)}%` : "–");
const range = (interval: Interval | undefined) => (interval ? `${Math.round(interval.lower * 100)}–${Math.round(interval.upper * 100)}` : "–");

/** An absolute study's labels per system: Excellent / Pass / Fail shares with counts and 95% intervals clustered by prompt (the figure above draws them). */
export function LabelBars({ systems }: { systems: ({ system: string } & LabelSummary)[] }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Labels per system, scrollable">
      <table className="w-full min-w-[48rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          Each system&apos;s answers: share of labels (count), and 95% intervals (Wilson&apos;s, on the labels divided by the design effect of their clustering by prompt)
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
          </tr>
        </thead>
        <tbody>
          {systems.map((system) => {
            const ci = system.intervals;
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
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
