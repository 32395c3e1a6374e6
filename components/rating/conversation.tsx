import { Markdown } from "@/components/ui/markdown";
import type { PairOnScreen } from "@/lib/assign/next-assignment";

/** The question, after any earlier turns of the conversation, shown turn by turn. */
export function Question({ prompt }: { prompt: PairOnScreen["prompt"] }) {
  return (
    <div className="rounded-lg border border-slate-300 bg-white p-4">
      {prompt.history.length > 0 && (
        <ol aria-label="Earlier in the conversation" className="mb-4 space-y-3">
          {prompt.history.map((turn, i) => (
            <li key={i} className={turn.role === "user" ? "rounded bg-slate-100 p-3" : "rounded border border-slate-200 p-3"}>
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700">{turn.role === "user" ? "User" : "Assistant"}</p>
              <Markdown>{turn.content}</Markdown>
            </li>
          ))}
        </ol>
      )}
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-700">{prompt.history.length ? "The user's last message" : "Question"}</h2>
      <Markdown>{prompt.text}</Markdown>
    </div>
  );
}

/** One answer: a single text, or a multi-turn answer turn by turn. */
export function Answer({ answer }: { answer: { text: string; turns: string[] | null } }) {
  if (!answer.turns) return <Markdown>{answer.text}</Markdown>;
  return (
    <ol className="space-y-3">
      {answer.turns.map((turn, i) => (
        <li key={i}>
          <p className="mb-1 text-xs font-semibold text-slate-700">Turn {i + 1}</p>
          <Markdown>{turn}</Markdown>
        </li>
      ))}
    </ol>
  );
}
