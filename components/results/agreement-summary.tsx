import type { StudyResults } from "@/lib/results/study-results";

const show = (value: number | null, digits = 2) => (value === null ? "–" : value.toFixed(digits));

export function AgreementSummary({ agreement, positionBias }: Pick<StudyResults, "agreement" | "positionBias">) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="font-medium">Tie-discounted accuracy (the paper&apos;s)</dt>
      <dd data-cell="tda">
        {agreement.tieDiscountedAccuracy === null ? "–" : `${Math.round(agreement.tieDiscountedAccuracy * 100)}%`} over {agreement.items} pairs
        judged by two raters or more ({agreement.raterPairs} rater pairs)
      </dd>
      <dt className="font-medium">Fleiss&apos; kappa</dt>
      <dd data-cell="fleiss">{show(agreement.fleissKappa)}</dd>
      <dt className="font-medium">Krippendorff&apos;s alpha (nominal)</dt>
      <dd data-cell="alpha">{show(agreement.krippendorffAlpha)}</dd>
      <dt className="font-medium">Position bias</dt>
      <dd data-cell="position-bias">
        {positionBias.leftShare === null
          ? "no decided votes yet"
          : `${Math.round(positionBias.leftShare * 100)}% of ${positionBias.decided} decided votes went to the left answer (binomial p = ${show(positionBias.pValue, 3)})`}
      </dd>
    </dl>
  );
}
