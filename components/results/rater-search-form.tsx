import Link from "next/link";
import { RATER_SEARCH_PARAM } from "@/lib/results/rater-identity";

/**
 * Finds raters in the raters table by email, name, platform id or pseudonym: a plain GET form,
 * so the narrowed table has its own address. It keeps the page's other parameters (the results
 * filter, the aggregation), and narrows only the rows listed: the figures count as before.
 */
export function RaterSearchForm({
  action,
  keep,
  search,
  shown,
}: {
  /** The page's path, with the raters table's anchor. */
  action: string;
  /** The page's other query parameters, carried along. */
  keep: URLSearchParams;
  search: string | null;
  /** Rows the search left. */
  shown: number;
}) {
  const rest = keep.toString();
  const [path, anchor] = action.split("#");
  return (
    <form method="get" action={action} role="search" aria-label="Find raters" className="flex flex-wrap items-end gap-2 text-sm">
      {[...keep.entries()].map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
      <label className="flex flex-col gap-1">
        <span className="font-medium">Find raters by email, name, platform id or pseudonym</span>
        <input
          type="search"
          name={RATER_SEARCH_PARAM}
          defaultValue={search ?? ""}
          maxLength={200}
          className="w-72 rounded border border-slate-400 px-2 py-1"
        />
      </label>
      <button type="submit" className="rounded border border-slate-400 bg-white px-3 py-1.5 font-medium hover:bg-slate-100">
        Find
      </button>
      {search && (
        <>
          <Link href={`${path}${rest ? `?${rest}` : ""}${anchor ? `#${anchor}` : ""}`} className="px-1 py-1.5 text-blue-700 underline">
            List every rater
          </Link>
          <p role="status" className="basis-full font-medium text-amber-900">
            The table is narrowed to raters whose email, name, platform id or pseudonym contains &ldquo;{search}&rdquo; ({shown}{" "}
            {shown === 1 ? "rater" : "raters"}). It lists fewer rows only: every figure on this page counts as it did.
          </p>
        </>
      )}
    </form>
  );
}
