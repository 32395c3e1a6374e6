import Link from "next/link";
import { RaterWho } from "@/components/results/rater-who";
import { Markdown } from "@/components/ui/markdown";
import type { PlainFormAction } from "@/lib/actions/form-state";
import type { ItemReport, ReviewItem } from "@/lib/review/review-queue";
import type { ItemDecision } from "@/lib/validation/review";

const box = "min-w-0 rounded border border-slate-200 bg-slate-50 p-3";
const label = "mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600";

const STATE_STYLE = {
  open: "bg-amber-100 text-amber-900 border-amber-400",
  kept: "bg-green-100 text-green-900 border-green-400",
  removed: "bg-red-100 text-red-900 border-red-400",
} as const;
const STATE_NAME = { open: "Open", kept: "Kept", removed: "Removed" } as const;
const FLAG_NAME: Record<string, string> = { broken: "Broken", offensive: "Offensive", other: "Other" };

/** A time as the study's history shows it. */
function When({ at }: { at: Date }) {
  return (
    <time dateTime={at.toISOString()} className="font-mono text-xs whitespace-nowrap">
      {at.toISOString().replace("T", " ").slice(0, 16)} UTC
    </time>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a decision's button says, and what it tells a screen reader it acts on. */
const BUTTONS: Record<ItemDecision, { text: string; style: string }> = {
  keep: { text: "Keep", style: "border-slate-500 bg-white hover:bg-slate-100" },
  remove: { text: "Remove from study", style: "border-red-700 bg-red-700 text-white hover:bg-red-800" },
  restore: { text: "Put back", style: "border-slate-500 bg-white hover:bg-slate-100" },
};

function DecisionButton({ slug, pairId, decision, action, item }: { slug: string; pairId: string; decision: ItemDecision; action: PlainFormAction; item: string }) {
  const { text, style } = BUTTONS[decision];
  return (
    <form action={action}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="pairId" value={pairId} />
      <input type="hidden" name="decision" value={decision} />
      <button type="submit" aria-label={`${text}: ${item}`} className={`rounded border px-3 py-1 text-sm font-medium ${style}`}>
        {text}
      </button>
    </form>
  );
}

/** What the rater saw on each side, for a note that speaks of "answer A" or "answer B". */
function sides(report: ItemReport, answers: ReviewItem["answers"]): string | null {
  if (answers.length < 2) return null;
  const [target, baseline] = answers;
  const [a, b] = report.targetSide === "left" ? [target, baseline] : [baseline, target];
  return `A: ${a.system}, B: ${b.system}`;
}

/**
 * One reported item for its study's researchers: where it stands and the decisions open from
 * there, what raters reported (reasons counted, the latest reports with their notes), and the
 * prompt and answers with the systems that wrote them.
 */
export function ReviewItemCard({ slug, item, noun, reportsShown, decide }: { slug: string; item: ReviewItem; noun: string; reportsShown: number; decide: PlainFormAction }) {
  const name = `${noun} ${item.pairId}`;
  const decisions: ItemDecision[] = item.state === "open" ? ["keep", "remove"] : item.state === "kept" ? ["remove"] : ["restore"];
  const headingId = `item-${item.pairId}`;
  return (
    <article aria-labelledby={headingId} data-item={item.pairId} data-state={item.state} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          <span className="capitalize">{noun}</span> {item.pairId} ·{" "}
          <Link href={`/studies/${slug}/prompts/${item.prompt.id}`} className="text-blue-700 underline">
            prompt {item.prompt.externalId}
          </Link>{" "}
          <span className={`ml-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${STATE_STYLE[item.state]}`}>{STATE_NAME[item.state]}</span>
        </h2>
        <div className="flex flex-wrap gap-2">
          {decisions.map((decision) => (
            <DecisionButton key={decision} slug={slug} pairId={item.pairId} decision={decision} action={decide} item={name} />
          ))}
        </div>
      </div>
      <p className="text-sm text-slate-700">
        {plural(item.flags, "flag", "flags")} · {plural(item.skips, "skip", "skips")}
        {item.lastReportAt && (
          <>
            {" "}
            · last reported <When at={item.lastReportAt} />
          </>
        )}
        {item.reviewedAt && (
          <>
            {" "}
            · {item.state === "removed" ? "removed" : "last decided"} <When at={item.removedAt ?? item.reviewedAt} /> by {item.reviewedBy ?? "someone since removed"}
          </>
        )}
      </p>
      {item.state === "removed" && (
        <p role="note" className="text-sm text-red-900">
          Raters are no longer given this {noun}, and no figure counts its judgments; the downloads still list them, marked removed.
        </p>
      )}
      <div className="flex flex-wrap gap-6 text-sm">
        {item.flagReasons.length > 0 && (
          <div>
            <h3 className={label}>Flagged as</h3>
            <ul data-reasons="flag">
              {item.flagReasons.map((reason) => (
                <li key={reason.reason}>
                  {FLAG_NAME[reason.reason] ?? reason.reason}: {reason.count}
                </li>
              ))}
            </ul>
          </div>
        )}
        {item.skipReasons.length > 0 && (
          <div>
            <h3 className={label}>Skipped because</h3>
            <ul data-reasons="skip">
              {item.skipReasons.map((reason) => (
                <li key={reason.reason ?? ""}>
                  {reason.reason ?? "(no reason given)"}: {reason.count}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {item.reports.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Reports on {name}, newest first</caption>
            <thead className="border-b border-slate-200 text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  When
                </th>
                <th scope="col" className="py-1 pr-3">
                  Rater
                </th>
                <th scope="col" className="py-1 pr-3">
                  Report
                </th>
                <th scope="col" className="py-1 pr-3">
                  Note
                </th>
                {item.answers.length > 1 && (
                  <th scope="col" className="py-1 pr-3">
                    They saw
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {item.reports.map((report, i) => (
                <tr key={i} className="align-top">
                  <td className="py-1 pr-3">
                    <When at={report.at} />
                  </td>
                  <td className="py-1 pr-3" data-cell="rater">
                    <span className="font-mono text-xs">{report.rater}</span>
                    <span className="block text-xs">
                      <RaterWho identity={report.identity} />
                    </span>
                  </td>
                  <td className="py-1 pr-3">
                    {report.kind === "flag" ? `Flag: ${FLAG_NAME[report.reason ?? ""] ?? report.reason}` : `Skip: ${report.reason ?? "(no reason given)"}`}
                  </td>
                  <td className="max-w-md py-1 pr-3 break-words whitespace-pre-wrap">{report.note ?? ""}</td>
                  {item.answers.length > 1 && <td className="py-1 pr-3 text-xs whitespace-nowrap">{sides(report, item.answers)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          {item.flags + item.skips > item.reports.length && (
            <p className="mt-1 text-xs text-slate-600">
              The latest {reportsShown} of {item.flags + item.skips} reports; the download lists every one.
            </p>
          )}
        </div>
      )}
      <details className="text-sm" open={item.state === "open"}>
        <summary className="cursor-pointer font-medium">Prompt and {item.answers.length > 1 ? "answers" : "answer"}</summary>
        <div className="mt-2 space-y-3">
          {item.prompt.history.length > 0 && (
            <div className={box}>
              <h3 className={label}>Earlier turns</h3>
              <ol className="space-y-2">
                {item.prompt.history.map((turn, i) => (
                  <li key={i}>
                    <span className="font-semibold">{turn.role === "user" ? "User" : "Assistant"}:</span> <Markdown>{turn.content}</Markdown>
                  </li>
                ))}
              </ol>
            </div>
          )}
          <div className={box}>
            <h3 className={label}>Prompt</h3>
            <Markdown>{item.prompt.text}</Markdown>
          </div>
          <div className={`grid gap-3 ${item.answers.length > 1 ? "md:grid-cols-2" : ""}`}>
            {item.answers.map((answer) => (
              <div key={answer.system} className={`max-h-96 overflow-y-auto ${box}`}>
                <h3 className={`${label} flex items-center gap-2`}>
                  {answer.system}
                  {answer.target && <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs font-medium normal-case text-blue-800">target</span>}
                </h3>
                <Markdown>{answer.text}</Markdown>
              </div>
            ))}
          </div>
        </div>
      </details>
    </article>
  );
}
