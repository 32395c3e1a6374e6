import type { Aggregation, BaselineResult } from "@/lib/results/study-results";
import type { StudyProgress } from "@/lib/results/progress";
import { formatP } from "@/lib/stats/format-p";

const points = (share: number) => `±${(share * 100).toFixed(1)} points`;

/**
 * Where the study stands: judgments against the goal, per day, and for each baseline how many
 * more judgments (or pairs, by majority) bring its win-rate interval to ±5 points, within what the
 * study can still supply, and whether the sign test shows a preference yet.
 */
export function ProgressSummary({
  progress,
  baselines,
  target,
  aggregation,
}: {
  progress: StudyProgress;
  baselines: BaselineResult[];
  target: string;
  aggregation: Aggregation;
}) {
  const unit = aggregation === "majority" ? "pairs" : "judgments";
  return (
    <div className="space-y-4 text-sm">
      <Completion progress={progress} />
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Precision per baseline, scrollable">
        <table className="w-full min-w-[40rem] max-w-4xl border-collapse">
          <caption className="mb-1 text-left text-slate-700">
            Precision per baseline: the win rate&apos;s 95% interval now, and the {unit} it needs for ±5 points, allowing for the clustering of{" "}
            {unit} by prompt that the study shows (its design effect)
          </caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1 pr-3">Baseline</th>
              <th scope="col" className="py-1 pr-3">Win rate now</th>
              <th scope="col" className="py-1 pr-3">More {unit} for ±5 points</th>
              <th scope="col" className="py-1 pr-3">Design effect</th>
              <th scope="col" className="py-1 pr-3">Sign test</th>
            </tr>
          </thead>
          <tbody>
            {baselines.map((b) => {
              const { plan } = b;
              const counted = b.wins + b.ties + b.losses;
              return (
                <tr key={b.baseline} className="border-b border-slate-200 align-top" data-precision={b.baseline}>
                  <th scope="row" className="py-1 pr-3 text-left font-medium">{b.baseline}</th>
                  <td className="py-1 pr-3" data-cell="now">
                    {Number.isFinite(plan.halfWidth) ? points(plan.halfWidth) : "–"}
                    {b.fewPrompts && counted > 0 && <span className="block text-xs text-amber-800">few prompts ({b.intervals?.clusters ?? 0}): unsteady</span>}
                  </td>
                  <td className="py-1 pr-3" data-cell="more">
                    {plan.additional === 0 ? (
                      "0 (reached)"
                    ) : plan.reachable ? (
                      `${plan.additional} of the ${plan.supply} the study can still give`
                    ) : plan.supply === 0 ? (
                      <>the study has given all it can: ±5 points needs more prompts or a larger k</>
                    ) : (
                      <>
                        more than the study can give ({plan.supply} left): all of it gives about {points(plan.bestHalfWidth)}; ±5 points needs more
                        prompts or a larger k
                      </>
                    )}
                  </td>
                  <td className="py-1 pr-3" data-cell="design-effect">{b.intervals ? b.intervals.win.designEffect.toFixed(2) : "–"}</td>
                  <td className="py-1 pr-3" data-cell="preferred">
                    {b.wins + b.losses === 0
                      ? "no decided votes yet"
                      : `${b.preferred ? `${b.preferred === "target" ? target : b.baseline} preferred` : "no preference shown yet"} (${formatP(b.signTestP)})`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Judgments against the study's goal, and per day: the same for every kind of study. */
export function Completion({ progress }: { progress: StudyProgress }) {
  const done = progress.goal ? Math.round((100 * progress.judged) / progress.goal) : 0;
  const most = Math.max(1, ...progress.perDay.map((d) => d.judgments));
  return (
    <>
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
    </>
  );
}
