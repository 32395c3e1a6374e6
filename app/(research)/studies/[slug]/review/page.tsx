import type { Metadata } from "next";
import { studyPageFor } from "@/lib/studies/study-page";
import Link from "next/link";
import { ReviewItemCard } from "@/components/studies/review-item";
import { RefusalNotice } from "@/components/ui/refusal-notice";
import { readRefusal } from "@/lib/actions/refusal";
import { KINDS } from "@/lib/kinds";
import { REPORTS_SHOWN, reviewQueue } from "@/lib/review/review-queue";
import { REVIEW_STATES, reviewQuerySchema, type ReviewQuery } from "@/lib/validation/review";
import { StoppedRaters } from "@/components/studies/stopped-raters";
import { raterStops } from "@/lib/review/rater-stops";
import { setRaterExcludedAction } from "../actions";
import { reviewItemAction } from "./actions";

export const metadata: Metadata = { title: "Review flags" };

const pageLink = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100";
const TAB_NAME = { open: "Open", kept: "Kept", removed: "Removed", all: "All" } as const;

export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { study } = await studyPageFor(slug);
  const search = await searchParams;
  const base = `/studies/${study.slug}/review`;
  const refused = readRefusal(base, search);
  const query = reviewQuerySchema.parse(search);
  const queue = await reviewQueue(study.id, query);
  const { item } = KINDS[study.kind];
  const href = ({ state, page }: ReviewQuery) => `${base}?${new URLSearchParams({ state, page: String(page) })}`;
  const all = REVIEW_STATES.reduce((sum, state) => sum + queue.counts[state], 0);

  return (
    <div className="space-y-4">
      <RefusalNotice message={refused} />
      <Link href={`/studies/${study.slug}`} className="text-sm text-blue-700 underline">
        ← {study.title}
      </Link>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-xl font-semibold">Flags and skips</h1>
        <a href={`/api/studies/${study.slug}/export/review`} download className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
          Download flags and skips (CSV)
        </a>
      </div>
      <p className="text-sm text-slate-700">
        The {item.many} raters flagged or skipped. Keep one to mark it reviewed; remove one to stop handing it out and leave its judgments out of
        every figure (they stay in the downloads, marked removed). Either is written to the study&apos;s history, and a removed {item.one} can be put
        back. A kept {item.one} opens again when a new report comes in.
      </p>
      <StoppedRaters slug={study.slug} stops={await raterStops(study.id)} include={setRaterExcludedAction} />
      <nav aria-label="Which items" className="flex flex-wrap gap-3 text-sm">
        {([...REVIEW_STATES, "all"] as const).map((state) => (
          <Link
            key={state}
            href={href({ state, page: 1 })}
            aria-current={query.state === state ? "page" : undefined}
            className={query.state === state ? "font-semibold text-slate-900" : "text-blue-700 underline"}
          >
            {TAB_NAME[state]} ({state === "all" ? all : queue.counts[state]})
          </Link>
        ))}
      </nav>
      {queue.items.length === 0 ? (
        <p role="status" className="text-sm text-slate-700">
          {query.state === "open" ? `Nothing to review: no ${item.one} waits for a decision.` : `No ${item.many} here.`}
        </p>
      ) : (
        <div className="space-y-4">
          {queue.items.map((one) => (
            <ReviewItemCard key={one.pairId} slug={study.slug} item={one} noun={item.one} reportsShown={REPORTS_SHOWN} decide={reviewItemAction} />
          ))}
        </div>
      )}
      {queue.pageCount > 1 && (
        <nav aria-label="Pages" className="grid grid-cols-3 items-center">
          <div>
            {queue.page > 1 && (
              <Link href={href({ state: query.state, page: queue.page - 1 })} rel="prev" className={pageLink}>
                Previous
              </Link>
            )}
          </div>
          <p className="text-center text-sm text-slate-700">
            Page {queue.page} of {queue.pageCount}
          </p>
          <div className="text-right">
            {queue.page < queue.pageCount && (
              <Link href={href({ state: query.state, page: queue.page + 1 })} rel="next" className={pageLink}>
                Next
              </Link>
            )}
          </div>
        </nav>
      )}
    </div>
  );
}
