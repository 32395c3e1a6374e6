// The rater's loop as one call per step, shared by the JSON API: each step answers with what the
// rater sees next, so a client needs one round trip per judgment.
import "server-only";
import { nextPair, type PairOnScreen } from "@/lib/assign/next-assignment";
import { RULE_FIELDS, rulesOf, type StudyRules } from "@/lib/assign/rules";
import { raterProgress, type RaterProgress } from "@/lib/assign/statements";
import { db, primaryDatabase } from "@/lib/db";
import { raterStep } from "@/lib/rater-steps/step";

export interface NextStep {
  pair: PairOnScreen | null;
  progress: RaterProgress;
  /** Why there is no pair, when it is a step the rater must take in the browser first (consent, training) or a stop of the attention checks. */
  step?: "consent" | "training" | "stopped";
}

/**
 * `study`: as the request read it (requireStudyForRater selects its rules), or its id, and its
 * rules are read once here for both the pair and the progress.
 */
export async function nextStep(study: string | StudyRules, raterId: string): Promise<NextStep> {
  const rules = await rulesOf(study);
  const database = primaryDatabase();
  const pair = await nextPair(database, rules, raterId);
  const progress = await raterProgress(database, rules, raterId);
  if (pair) return { pair, progress };
  const { step } = await raterStep(typeof study === "string" ? await db().study.findUniqueOrThrow({ where: { id: study }, select: RULE_FIELDS }) : study, raterId);
  return step === "rating" ? { pair, progress } : { pair, progress, step };
}
