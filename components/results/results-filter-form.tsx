import Link from "next/link";
import { RATER_SEARCH_PARAM } from "@/lib/results/rater-identity";
import { describeFilter, type ResultsFilter } from "@/lib/results/results-filter";

const day = (date: Date | null, end = false) => {
  if (!date) return "";
  // The "to" field names the last day counted; the filter holds the midnight after it.
  const shown = end ? new Date(date.getTime() - 1) : date;
  return shown.toISOString().slice(0, 10);
};

/**
 * Which judgments the page counts. A plain GET form, so every filtered view has its own address
 * (to bookmark, share, and download the same numbers) and works without JavaScript.
 */
export function ResultsFilterForm({
  slug,
  filter,
  aggregation,
  raters,
  problems,
  goldPairs = true,
  raterLabels = {},
  raterSearch = null,
}: {
  slug: string;
  filter: ResultsFilter;
  aggregation: string;
  raters: string[];
  problems: string[];
  /** Whether the study can have gold pairs (only pairs have known verdicts). */
  goldPairs?: boolean;
  /** Who each rater is, by pseudonym, shown beside it in the choices. */
  raterLabels?: Record<string, string>;
  /** The raters table's search, kept when the filter changes (it narrows the table, not the figures). */
  raterSearch?: string | null;
}) {
  return (
    <form method="get" action={`/studies/${slug}`} aria-label="Filter the results" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      {aggregation === "majority" && <input type="hidden" name="aggregation" value="majority" />}
      {raterSearch && <input type="hidden" name={RATER_SEARCH_PARAM} value={raterSearch} />}
      <label className="flex flex-col gap-1">
        <span className="font-medium">From (UTC)</span>
        <input type="date" name="from" defaultValue={day(filter.from)} className="rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">To (UTC, inclusive)</span>
        <input type="date" name="to" defaultValue={day(filter.to, true)} className="rounded border border-slate-400 px-2 py-1" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Raters (none chosen: all)</span>
        <select name="rater" multiple defaultValue={filter.raters} size={Math.min(4, Math.max(2, raters.length))} className="min-w-44 rounded border border-slate-400 px-2 py-1 font-mono">
          {raters.map((rater) => (
            <option key={rater} value={rater}>
              {raterLabels[rater] ? `${rater} · ${raterLabels[rater]}` : rater}
            </option>
          ))}
        </select>
      </label>
      {goldPairs && (
        <label className="flex items-center gap-2 self-center">
          <input type="checkbox" name="gold" value="with" defaultChecked={filter.gold} />
          <span>Count gold pairs too</span>
        </label>
      )}
      <div className="flex gap-2">
        <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
          Apply
        </button>
        <Link href={aggregation === "majority" ? `/studies/${slug}?aggregation=majority` : `/studies/${slug}`} className="rounded border border-slate-400 bg-white px-3 py-1.5 font-medium hover:bg-slate-100">
          Clear
        </Link>
      </div>
      {describeFilter(filter) && (
        <p role="status" className="basis-full font-medium text-amber-900">
          Filtered ({describeFilter(filter)}): every figure on this page counts only these judgments. Clear shows them all.
        </p>
      )}
      {problems.length > 0 && (
        <p role="alert" className="basis-full text-red-800">
          The filter was not applied: {problems.join("; ")}.
        </p>
      )}
    </form>
  );
}
