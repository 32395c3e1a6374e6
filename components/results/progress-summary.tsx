import type { BaselineResult } from "@/lib/results/study-results";
import type { StudyProgress } from "@/lib/results/progress";
import { evenSplitCheck, judgmentsForPrecision } from "@/lib/stats/precision";

/**
 * Where the study stands: judgments against the goal, per day, and for each baseline how many
 * more judgments bring its win-rate interval to ±5 points and whether it already excludes an
 * even split of decided votes.
 */
export function ProgressSummary({ progress, baselines, target }: { progress: StudyProgress; baselines: BaselineResult[]; target: string }) {
  const done = progress.goal ? Math.round((100 * progress.judged) / progress.goal) : 0;
  const most = Math.max(1, ...progress.perDay.map((d) => d.judgments));
  return (
    <div className="space-y-4 text-sm">
      <div>
        <label htmlFor="completion" className="font-medium">
          {progress.judged} of {progress.goal} judgments ({done}%)
        </label>
        <progress id="completion" value={progress.judged} max={Math.max(progress.goal, 1)} className="block w-full max-w-xl" />
      </div>
      {progress.perDay.length > 0 && (
        <table className="border-collapse">
          <caption className="mb-1 text-left text-slate-700">Judgments per day (UTC)</caption>
          <tbody>
            {progress.perDay.map(({ day, judgments }) => (
              <tr key={day}>
                <th scope="row" className="pr-3 text-left font-normal">{day}</th>
                <td className="pr-3 text-right">{judgments}</td>
                <td aria-hidden="true" className="w-64">
                  <div className="h-3 rounded bg-blue-600" style={{ width: `${(100 * judgments) / most}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="w-full max-w-3xl border-collapse">
        <caption className="mb-1 text-left text-slate-700">Precision per baseline</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-1 pr-3">Baseline</th>
            <th scope="col" className="py-1 pr-3">Win rate now ±</th>
            <th scope="col" className="py-1 pr-3">More judgments for ±5 points</th>
            <th scope="col" className="py-1 pr-3">Even split of decided votes</th>
          </tr>
        </thead>
        <tbody>
          {baselines.map((b) => {
            const n = b.wins + b.ties + b.losses;
            const precision = judgmentsForPrecision({ p: n ? b.wins / n : 0.5, n });
            const split = evenSplitCheck(b.wins, b.losses);
            return (
              <tr key={b.baseline} className="border-b border-slate-200" data-precision={b.baseline}>
                <th scope="row" className="py-1 pr-3 text-left font-medium">{b.baseline}</th>
                <td className="py-1 pr-3">{Number.isFinite(precision.halfWidth) ? `${(precision.halfWidth * 100).toFixed(1)} points` : "–"}</td>
                <td className="py-1 pr-3" data-cell="more">{precision.additionalJudgments}</td>
                <td className="py-1 pr-3">
                  {split.excludesEvenSplit ? `excluded: ${split.direction === "target-better" ? target : b.baseline} is preferred` : "not excluded yet"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
