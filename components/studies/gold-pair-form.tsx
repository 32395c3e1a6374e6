"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-state";

/** One pair's gold answer: a known right answer makes it a check on raters. */
export function GoldPairForm({ slug, pair, action }: { slug: string; pair: { id: string; target: string; baseline: string; goldVerdict: string | null }; action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `gold-${pair.id}`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="pairId" value={pair.id} />
      <label htmlFor={id} className="min-w-48">
        {pair.target} vs {pair.baseline}
      </label>
      <select id={id} name="goldVerdict" defaultValue={pair.goldVerdict ?? "none"} className="rounded border border-slate-500 px-2 py-1">
        <option value="none">Not gold</option>
        <option value="win">Gold: {pair.target} is better</option>
        <option value="tie">Gold: neither is better</option>
        <option value="loss">Gold: {pair.baseline} is better</option>
      </select>
      <button type="submit" disabled={pending} className="rounded border border-slate-500 bg-white px-3 py-1 text-sm font-medium">
        Save
      </button>
      <span role="status" className={state.error ? "text-sm text-red-800" : "text-sm text-green-800"}>
        {state.error ?? state.message}
      </span>
    </form>
  );
}
