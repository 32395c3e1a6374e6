import type { PlainFormAction } from "@/lib/actions/form-state";
import type { SelfNamingOverview } from "@/lib/blind/study-self-naming";

interface Props {
  slug: string;
  overview: SelfNamingOverview;
  /** A closed study's choice is final. */
  closed: boolean;
  setMode: PlainFormAction;
  rescan: PlainFormAction;
}

/** The study's answers that name their writer, and whether raters see those names. */
export function SelfNamingAnswers({ slug, overview, closed, setMode, rescan }: Props) {
  const { count, answers, mode } = overview;
  return (
    <div className="space-y-3 text-sm">
      <p className={count ? "rounded border border-amber-400 bg-amber-50 p-2 text-amber-900" : "text-slate-700"}>
        {count === 0
          ? "No answer names a model, its maker or a system of this study."
          : `${count.toLocaleString("en")} answer${count === 1 ? " names" : "s name"} a model, its maker or a system of this study, or call${count === 1 ? "s itself" : " themselves"} an AI language model: a rater who reads ${count === 1 ? "it" : "them"} may learn which system wrote which answer.`}{" "}
        Raters are shown {mode === "redact" ? "these answers with the names replaced by neutral words ([assistant], [company])" : "these answers as they are"}; the
        stored text never changes, and the judgments download says which judgments were made on hidden names (<code>redacted</code>).
      </p>
      {count > 0 && (
        <details>
          <summary className="cursor-pointer font-medium">The answers{count > answers.length ? ` (the first ${answers.length})` : ""}</summary>
          <table className="mt-2 w-full text-left">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-3 font-medium">Prompt</th>
                <th className="py-1 pr-3 font-medium">System</th>
                <th className="py-1 font-medium">What it says</th>
              </tr>
            </thead>
            <tbody>
              {answers.map((answer) => (
                <tr key={`${answer.promptId}\u0000${answer.system}`} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-3">{answer.promptId}</td>
                  <td className="py-1 pr-3">{answer.system}</td>
                  <td className="py-1">{answer.phrases.map((phrase) => `“${phrase}”`).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {!closed && (
        <div className="flex flex-wrap items-end gap-4">
          <form action={setMode} className="flex flex-wrap items-center gap-3" aria-label="What raters see of answers that name their writer">
            <input type="hidden" name="slug" value={slug} />
            <label className="flex items-center gap-1">
              <input type="radio" name="mode" value="show" defaultChecked={mode === "show"} /> Show them as they are
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="mode" value="redact" defaultChecked={mode === "redact"} /> Hide the names from raters
            </label>
            <button type="submit" className="rounded border border-slate-400 bg-white px-3 py-1 font-medium hover:bg-slate-100">
              Save
            </button>
          </form>
          <form action={rescan}>
            <input type="hidden" name="slug" value={slug} />
            <button type="submit" className="text-blue-700 underline">
              Scan the answers again
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
