import type { ReactNode } from "react";

/** MTurk's preview of the HIT: what the work is like, on an example pair; nothing is recorded and no identity is made. */
export function MturkPreview({ example }: { example: { question: ReactNode; answerA: ReactNode; answerB: ReactNode } | null }) {
  return (
    <div className="space-y-4">
      <p role="status" className="rounded border border-blue-300 bg-blue-50 p-3 text-slate-900">
        This is a preview. Accept the HIT to start: you will compare pairs of answers to the same question and choose the better one.
      </p>
      {example && (
        <>
          <h2 className="font-semibold">An example pair</h2>
          {example.question}
          <div className="grid gap-4 md:grid-cols-2">
            <div className="rounded-lg border border-slate-300 p-4">
              <h3 className="mb-2 font-semibold">Answer A</h3>
              {example.answerA}
            </div>
            <div className="rounded-lg border border-slate-300 p-4">
              <h3 className="mb-2 font-semibold">Answer B</h3>
              {example.answerB}
            </div>
          </div>
        </>
      )}
    </div>
  );
}

/**
 * An accepted HIT, in MTurk's frame: the task opens in a tab of its own (a framed page could not
 * keep its session where the browser blocks third-party cookies), and the HIT is submitted here
 * with the completion code the task shows at its end, or from the task's own end screen.
 */
export function MturkHit({ taskUrl, submitUrl, assignmentId }: { taskUrl: string; submitUrl: string; assignmentId: string }) {
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-2 pl-5 text-slate-900">
        <li>
          <a href={taskUrl} target="_blank" rel="noopener" className="font-medium text-blue-700 underline">
            Open the task in a new tab
          </a>{" "}
          and judge its pairs. Your work is saved as you go.
        </li>
        <li>At the end it shows a completion code and a button that submits this HIT. Or paste the code below and submit here.</li>
      </ol>
      <form method="post" action={submitUrl} className="space-y-2" aria-label="Submit the HIT">
        <input type="hidden" name="assignmentId" value={assignmentId} />
        <label htmlFor="completion-code" className="block font-medium">
          Completion code
        </label>
        <input id="completion-code" name="completionCode" required maxLength={100} className="w-full max-w-sm rounded border border-slate-400 px-3 py-2" />
        <button type="submit" className="block rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
          Submit the HIT
        </button>
      </form>
    </div>
  );
}
