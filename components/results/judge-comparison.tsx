import type { JudgeBaselineResult } from "@/lib/judge/judge-results";
import type { Verdict } from "@/lib/assign/policy";
import { formatP } from "@/lib/stats/format-p";

const percent = (value: number | null) => (value === null ? "–" : `${Math.round(100 * value)}%`);
const shares = (counts: Record<Verdict, number>) => {
  const total = counts.win + counts.tie + counts.loss;
  return total ? `${percent(counts.win / total)} / ${percent(counts.tie / total)} / ${percent(counts.loss / total)}` : "–";
};

/**
 * One LLM judge beside the raters, per baseline: the raters' win / tie / loss (the paper's
 * Figure 1) and the judge's (Figure 2), then how far they agree and how steady the judge is.
 */
export function JudgeComparison({ name, baselines }: { name: string; baselines: JudgeBaselineResult[] }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="The judge beside the raters, scrollable">
      <table className="w-full min-w-[52rem] border-collapse text-sm" aria-label={`${name} beside the raters`}>
        <caption className="mb-2 text-left text-slate-700">
          {name}: the target&apos;s win / tie / loss by the raters and by the judge (one label a pair: its verdict when both orders agree, a tie
          when they do not), and their agreement on the same pairs
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-2 pr-3">Baseline</th>
            <th scope="col" className="py-2 pr-3">Raters: win / tie / loss</th>
            <th scope="col" className="py-2 pr-3">Judge: win / tie / loss</th>
            <th scope="col" className="py-2 pr-3">Pairs judged</th>
            <th scope="col" className="py-2 pr-3">Tie-discounted accuracy</th>
            <th scope="col" className="py-2 pr-3">Cohen&apos;s κ</th>
            <th scope="col" className="py-2 pr-3">Orders disagree</th>
            <th scope="col" className="py-2 pr-3">Answer A chosen</th>
          </tr>
        </thead>
        <tbody>
          {baselines.map(({ baseline, agreement }) => (
            <tr key={baseline} className="border-b border-slate-100">
              <th scope="row" className="py-2 pr-3 text-left font-medium">{baseline}</th>
              <td className="py-2 pr-3">{shares(agreement.humans)}</td>
              <td className="py-2 pr-3">{shares(agreement.labels)}</td>
              <td className="py-2 pr-3">{agreement.judgedPairs}</td>
              <td className="py-2 pr-3">
                {percent(agreement.tieDiscountedAccuracy.value)} <span className="text-slate-600">({agreement.tieDiscountedAccuracy.pairs} pairs)</span>
              </td>
              <td className="py-2 pr-3">{agreement.kappa.value === null ? "–" : agreement.kappa.value.toFixed(2)}</td>
              <td className="py-2 pr-3">
                {percent(agreement.inconsistencyRate)} <span className="text-slate-600">of {agreement.bothOrders}</span>
              </td>
              <td className="py-2 pr-3">
                {percent(agreement.positionBias.leftShare)}{" "}
                <span className="text-slate-600">({formatP(agreement.positionBias.pValue)})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
