import type { SystemScores } from "@/lib/results/likert-results";

const SCALE_MIN = 1;
const SCALE_MAX = 6;
const fixed = (value: number) => value.toFixed(2);
const at = (value: number) => `${(100 * (Math.min(Math.max(value, SCALE_MIN), SCALE_MAX) - SCALE_MIN)) / (SCALE_MAX - SCALE_MIN)}%`;

/** A Likert study's mean helpfulness per system, with 95% t intervals over answers, on the 1–6 scale. */
export function LikertMeans({ systems }: { systems: SystemScores[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          Mean helpfulness (1 not helpful – 6 highly helpful) of each system&apos;s answers, with 95% t intervals over answers
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">System</th>
            <th scope="col" className="py-2 pr-3">Answers rated</th>
            <th scope="col" className="py-2 pr-3">Scores</th>
            <th scope="col" className="py-2 pr-3">Mean</th>
            <th scope="col" className="py-2 pr-3">95% interval</th>
            <th scope="col" className="w-1/3 py-2"><span className="sr-only">Chart</span></th>
          </tr>
        </thead>
        <tbody>
          {systems.map((system) => (
            <tr key={system.system} className="border-b border-slate-200 align-top" data-system={system.system}>
              <th scope="row" className="py-2 pr-3 text-left font-medium">{system.system}</th>
              <td className="py-2 pr-3">{system.answers}</td>
              <td className="py-2 pr-3">{system.scores}</td>
              <td className="py-2 pr-3" data-cell="mean">{system.mean ? fixed(system.mean.estimate) : "–"}</td>
              <td className="py-2 pr-3" data-cell="interval">{system.mean ? `${fixed(system.mean.lower)}–${fixed(system.mean.upper)}` : "–"}</td>
              <td className="py-2" aria-hidden="true">
                {system.mean && (
                  <div className="relative h-4 w-full rounded bg-slate-200">
                    <div className="absolute h-4 rounded bg-sky-300" style={{ left: at(system.mean.lower), width: `calc(${at(system.mean.upper)} - ${at(system.mean.lower)})` }} />
                    <div className="absolute h-4 w-1 bg-slate-900" style={{ left: at(system.mean.estimate) }} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
