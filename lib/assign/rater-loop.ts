// The rater's loop as one call per step, shared by the JSON API: each step answers with what the
// rater sees next, so a client needs one round trip per judgment.
import "server-only";
import { nextAssignment, raterProgress, type PairOnScreen, type RaterProgress } from "@/lib/assign/next-assignment";
import { AppError } from "@/lib/errors";
import { findStudy } from "@/lib/studies/find-study";

export interface NextStep {
  pair: PairOnScreen | null;
  progress: RaterProgress;
}

/** A study a rater may work on: it exists and is open. */
export async function openStudyForRating(slug: string) {
  const study = await findStudy(slug);
  if (!study || study.status !== "open") throw new AppError("not_found", `No open study "${slug}".`);
  return study;
}

export async function nextStep(studyId: string, raterId: string): Promise<NextStep> {
  const pair = await nextAssignment(studyId, raterId);
  return { pair, progress: await raterProgress(studyId, raterId) };
}
