const EXPLANATION = "Its judgments were drawn at random, not given by people: its results show what results look like, and nothing about the systems.";

/** Marks a study whose judgments were simulated, wherever a researcher sees it. */
export function SimulatedBadge() {
  return (
    <span title={EXPLANATION} className="rounded border border-amber-400 bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
      Simulated data
    </span>
  );
}

/** The same, spelled out, for the top of the study's own page. */
export function SimulatedNotice() {
  return (
    <p role="note" className="mt-2 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <SimulatedBadge /> {EXPLANATION}
    </p>
  );
}
