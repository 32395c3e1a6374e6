import { LABEL_HALF_WIDTH, SCORE_HALF_WIDTH, type AnswerFigures } from "@/lib/results/answer-figures";

/**
 * How sure each system's figure is now and what judging more would bring: the 95% interval's
 * half-width of the share of pass or better (in points) or of the mean score, and the judgments
 * still needed to reach the target, within what the study can still supply.
 */
export function AnswerPrecision({ figures }: { figures: AnswerFigures }) {
  const scores = figures.measure.shape === "scores";
  const unit = figures.measure.shape === "labels" && figures.measure.turns === "each" ? "turn labels" : "judgments";
  const width = (value: number) => (Number.isFinite(value) ? (scores ? `±${value.toFixed(2)}` : `±${(value * 100).toFixed(1)} points`) : "–");
  const target = scores ? SCORE_HALF_WIDTH : LABEL_HALF_WIDTH;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Precision per system, scrollable">
      <table className="w-full min-w-[36rem] max-w-4xl border-collapse text-sm">
        <caption className="mb-1 text-left text-slate-700">
          Precision per system: the 95% interval of the {scores ? "mean score" : "share of pass or better"} now, and the {unit} it needs for{" "}
          {width(target)}, allowing for the clustering by prompt the study shows
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-1 pr-3">System</th>
            <th scope="col" className="py-1 pr-3">Interval now</th>
            <th scope="col" className="py-1 pr-3">More {unit} for {width(target)}</th>
          </tr>
        </thead>
        <tbody>
          {figures.systems.map(({ system, precision }) => (
            <tr key={system} className="border-b border-slate-200 align-top" data-precision={system}>
              <th scope="row" className="py-1 pr-3 text-left font-medium">{system}</th>
              <td className="py-1 pr-3" data-cell="now">
                {width(precision.halfWidth)}
                {precision.fewPrompts && <span className="block text-xs text-amber-800">few prompts: unsteady</span>}
              </td>
              <td className="py-1 pr-3" data-cell="more">
                {precision.additional === 0
                  ? "0 (reached)"
                  : !Number.isFinite(precision.additional)
                    ? "– (too few answers yet)"
                    : precision.reachable
                      ? `${precision.additional} of the ${precision.supply} the study can still give`
                      : `${precision.additional}: more than the ${precision.supply} the study can still give`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
