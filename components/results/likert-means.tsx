import type { SystemScores } from "@/lib/results/likert-results";

const fixed = (value: number) => value.toFixed(2);

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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
