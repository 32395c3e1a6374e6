// The rater's loop as one call per step, shared by the JSON API: each step answers with what the
// rater sees next, so a client needs one round trip per judgment.
import "server-only";
import { nextAssignment, raterProgress, type PairOnScreen, type RaterProgress } from "@/lib/assign/next-assignment";

export interface NextStep {
  pair: PairOnScreen | null;
  progress: RaterProgress;
}

export async function nextStep(studyId: string, raterId: string): Promise<NextStep> {
  const pair = await nextAssignment(studyId, raterId);
  return { pair, progress: await raterProgress(studyId, raterId) };
}
