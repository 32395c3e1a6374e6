import { RaterExclusionForm } from "@/components/results/rater-exclusion-form";
import type { PlainFormAction } from "@/lib/actions/form-state";
import type { RaterStopRow } from "@/lib/review/rater-stops";

/** The raters the attention checks stopped: including one again lets them judge again and counts them (the checks do not stop them twice). */
export function StoppedRaters({ slug, stops, include }: { slug: string; stops: RaterStopRow[]; include: PlainFormAction }) {
  if (stops.length === 0) return null;
  return (
    <section aria-labelledby="stopped-heading" className="space-y-2 rounded-lg border border-amber-300 bg-white p-4">
      <h2 id="stopped-heading" className="font-semibold">
        Stopped by the attention checks ({stops.length})
      </h2>
      <p className="text-sm text-slate-700">They get no more items and are left out of every figure. Include one to let them judge again and count them.</p>
      <ul className="space-y-2">
        {stops.map((stop) => (
          <li key={stop.rater} className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-mono">{stop.rater}</span>
            <span>{stop.reason}</span>
            <span className="text-slate-600">{stop.liftedAt ? `let back ${stop.liftedAt.toISOString().slice(0, 10)}` : `stopped ${stop.stoppedAt.toISOString().slice(0, 10)}`}</span>
            {!stop.liftedAt && <RaterExclusionForm slug={slug} rater={stop.rater} excluded={stop.excluded} action={include} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
