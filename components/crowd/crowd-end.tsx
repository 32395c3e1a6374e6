import { CompletionRedirect } from "@/components/rating/completion-redirect";
import { PlatformCode } from "./platform-code";

/** How a participant's visit ends: on Prolific a code (and its completion page); on MTurk the HIT's form posting back. */
export type ParticipantEnd = { platform: "prolific" } | { platform: "mturk"; submitUrl: string; assignmentId: string };

/**
 * What a crowd participant is given at the end: the code for their platform with a copy button,
 * and on MTurk the button that submits the HIT (the code goes with it, for the requester to match)
 * where there is work to be paid for, else the request to return the HIT; on Prolific the way back
 * to its completion page, if the study gave one.
 */
export function CrowdEnd({
  code,
  codeLabel,
  end,
  completionUrl,
  submit = true,
}: {
  code: string | null;
  codeLabel: string;
  end: ParticipantEnd;
  completionUrl?: string | null;
  /** Whether an MTurk worker submits the HIT here (work done, or a screen-out the study pays for by its code). */
  submit?: boolean;
}) {
  if (end.platform === "mturk" && !submit) {
    return <p className="mt-3 text-slate-900">Please return the HIT on MTurk (&ldquo;Return&rdquo;), so that nothing counts against you.</p>;
  }
  return (
    <>
      {code && <PlatformCode label={codeLabel} code={code} />}
      {end.platform === "mturk" ? (
        <form method="post" action={end.submitUrl} className="mt-4 space-y-2">
          <input type="hidden" name="assignmentId" value={end.assignmentId} />
          <input type="hidden" name="completionCode" value={code ?? ""} />
          <p className="text-slate-800">Submit the HIT here, or paste the code in the HIT&apos;s own tab and submit it there.</p>
          <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
            Submit the HIT
          </button>
        </form>
      ) : (
        completionUrl && <CompletionRedirect url={completionUrl} />
      )}
    </>
  );
}
