import type { PlainFormAction } from "@/lib/actions/form-state";

/** Leave a rater out of every figure, or let them back in: their judgments stay in the data either way. */
export function RaterExclusionForm({ slug, rater, excluded, action }: { slug: string; rater: string; excluded: boolean; action: PlainFormAction }) {
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="rater" value={rater} />
      <input type="hidden" name="exclude" value={excluded ? "no" : "yes"} />
      <span>{excluded ? "Excluded" : "Counted"}</span>
      <button
        type="submit"
        aria-label={`${excluded ? "Include" : "Exclude"} ${rater}`}
        className="rounded border border-slate-400 bg-white px-2 py-0.5 text-xs font-medium hover:bg-slate-100"
      >
        {excluded ? "Include" : "Exclude"}
      </button>
    </form>
  );
}
