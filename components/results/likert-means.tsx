import type { SystemScores } from "@/lib/results/answer-figures";

const fixed = (value: number) => value.toFixed(2);

/** A Likert study's mean helpfulness per system, with 95% t and bootstrap intervals over answers, clamped to the scale. */
export function LikertMeans({ systems, scale }: { systems: SystemScores[]; scale: { min: number; max: number } }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Helpfulness per system, scrollable">
      <table className="w-full min-w-[40rem] border-collapse text-sm">
        <caption className="mb-2 text-left text-slate-700">
          Mean helpfulness ({scale.min} not helpful – {scale.max} highly helpful) of each system&apos;s answers (each answer&apos;s scores averaged
          first), with 95% intervals over answers: Student&apos;s t, and a percentile bootstrap over prompts; both kept within the scale
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">System</th>
            <th scope="col" className="py-2 pr-3">Answers rated</th>
            <th scope="col" className="py-2 pr-3">Scores</th>
            <th scope="col" className="py-2 pr-3">Mean</th>
            <th scope="col" className="py-2 pr-3">95% interval (t)</th>
            <th scope="col" className="py-2 pr-3">95% interval (bootstrap)</th>
          </tr>
        </thead>
        <tbody>
          {systems.map((system) => (
            <tr key={system.system} className="border-b border-slate-200 align-top" data-system={system.system}>
              <th scope="row" className="py-2 pr-3 text-left font-medium">{system.system}</th>
              <td className="py-2 pr-3">{system.answers}</td>
              <td className="py-2 pr-3">{system.scores}</td>
              <td className="py-2 pr-3" data-cell="mean">{system.average === null ? "–" : fixed(system.average)}</td>
              <td className="py-2 pr-3" data-cell="interval">{system.mean ? `${fixed(system.mean.lower)}–${fixed(system.mean.upper)}` : "–"}</td>
              <td className="py-2 pr-3" data-cell="bootstrap">{system.bootstrap ? `${fixed(system.bootstrap.lower)}–${fixed(system.bootstrap.upper)}` : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
