import type { AnswerAgreement, AnswerFigures } from "@/lib/results/answer-figures";
import type { AlphaResult } from "@/lib/stats/agreement";

const show = (value: number | null | undefined) => (value === null || value === undefined ? "–" : value.toFixed(2));

function alphaCell(alpha: AlphaResult | undefined, cell: string) {
  return (
    <td className="py-1 pr-3" data-cell={cell}>
      {show(alpha?.value)}
    </td>
  );
}

/**
 * How far raters of the same answer agree, over all answers and per system: Fleiss' κ and
 * Krippendorff's α, nominal for labels and, for a scale, ordinal and interval too (a 5 against a 6
 * is a smaller disagreement than a 1 against a 6). Each with the answers (or turns) it rests on:
 * only those judged by two raters or more show agreement.
 */
export function AnswerAgreementTable({ figures }: { figures: AnswerFigures }) {
  const scale = figures.measure.shape === "scores";
  const unit = figures.measure.shape === "labels" && figures.measure.turns === "each" ? "turns" : "answers";
  const rows: [string, AnswerAgreement][] = [["All systems", figures.agreement], ...figures.systems.map((system) => [system.system, system.agreement] as [string, AnswerAgreement])];
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Rater agreement, scrollable">
      <table className="w-full min-w-[36rem] max-w-4xl border-collapse text-sm">
        <caption className="mb-1 text-left text-slate-700">
          Agreement among the raters of the same {unit}, on the {unit} judged by two raters or more (1 is full agreement, 0 what chance
          alone gives)
        </caption>
        <thead>
          <tr className="border-b border-slate-300 text-left align-bottom">
            <th scope="col" className="py-1 pr-3">Systems</th>
            <th scope="col" className="py-1 pr-3">{unit === "turns" ? "Turns" : "Answers"} judged twice or more</th>
            <th scope="col" className="py-1 pr-3">Fleiss&apos; κ</th>
            <th scope="col" className="py-1 pr-3">Krippendorff&apos;s α (nominal)</th>
            {scale && <th scope="col" className="py-1 pr-3">α (ordinal)</th>}
            {scale && <th scope="col" className="py-1 pr-3">α (interval)</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, agreement]) => (
            <tr key={label} className="border-b border-slate-200" data-agreement={label}>
              <th scope="row" className="py-1 pr-3 text-left font-medium">{label}</th>
              <td className="py-1 pr-3" data-cell="items">{agreement.fleiss.items}</td>
              <td className="py-1 pr-3" data-cell="fleiss">{show(agreement.fleiss.value)}</td>
              {alphaCell(agreement.alpha.nominal, "alpha-nominal")}
              {scale && alphaCell(agreement.alpha.ordinal, "alpha-ordinal")}
              {scale && alphaCell(agreement.alpha.interval, "alpha-interval")}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
