// Amazon Mechanical Turk's ExternalQuestion: MTurk shows the study's crowd link in a frame of its
// own, adding assignmentId, hitId, workerId and turkSubmitTo to the address; while a worker only
// previews the HIT, assignmentId is ASSIGNMENT_ID_NOT_AVAILABLE and there is no workerId. A HIT
// ends with a form the worker's browser posts to turkSubmitTo's /mturk/externalSubmit, carrying
// the assignmentId. Only MTurk's own hosts may receive it (and frame the page), so that a link
// cannot make this app post a participant's work somewhere else.

export const MTURK_PREVIEW_ASSIGNMENT = "ASSIGNMENT_ID_NOT_AVAILABLE";

/** Where MTurk's HITs post back (turkSubmitTo): production's and the sandbox's. */
export const MTURK_SUBMIT_ORIGINS = ["https://www.mturk.com", "https://workersandbox.mturk.com"] as const;

/**
 * Where workers see HITs, which frame the ExternalQuestion (production's worker site, the
 * sandbox's one host), and where a submission may be redirected on its way.
 */
export const MTURK_WORKER_ORIGINS = ["https://worker.mturk.com", "https://workersandbox.mturk.com", "https://www.mturk.com"] as const;

/** turkSubmitTo's origin if it is one of MTurk's, else null. */
export function submitOrigin(turkSubmitTo: string): string | null {
  if (!URL.canParse(turkSubmitTo)) return null;
  const { origin } = new URL(turkSubmitTo);
  return (MTURK_SUBMIT_ORIGINS as readonly string[]).includes(origin) ? origin : null;
}

/** Where a HIT's form posts: turkSubmitTo's origin, checked, and MTurk's path. */
export const externalSubmitUrl = (origin: string) => `${origin}/mturk/externalSubmit`;
