// The rules a study hands its pairs out by. They are read with the study itself where a rater's
// request reads it (studyForRater selects RULE_FIELDS), and passed down, so that one rating step
// reads the study once; a caller that has only the study's id has them read.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What the assignment engine reads of a study. */
export const RULE_FIELDS = {
  id: true,
  judgmentsPerPair: true,
  leaseSeconds: true,
  promptOncePerRater: true,
  goldRate: true,
  quotaPerRater: true,
  crowdQuota: true,
  selfNaming: true,
  consentText: true,
  trainingItems: true,
  attentionAfter: true,
} satisfies Prisma.StudySelect;

/** A study as read with its rules: what nextAssignment, raterProgress and nextStep take instead of its id. */
export type StudyRules = Prisma.StudyGetPayload<{ select: typeof RULE_FIELDS }>;

export interface Rules {
  studyId: string;
  k: number;
  leaseSeconds: number;
  promptOncePerRater: boolean;
  goldRate: number;
  /** Pairs the study asks of each rater, if it sets a quota. */
  quota: number | null;
  /** Pairs it asks of each participant of its crowd link instead, if it sets that quota. */
  crowdQuota: number | null;
  /** Whether a rater must take first steps (consent, training) or may be stopped (attention checks) before a claim. */
  gated: boolean;
  /** Whether raters see answers that name their writer with the names hidden. */
  hideSelfNaming: boolean;
}

export function rulesFrom(study: StudyRules): Rules {
  return {
    studyId: study.id,
    k: study.judgmentsPerPair,
    leaseSeconds: study.leaseSeconds,
    promptOncePerRater: study.promptOncePerRater,
    goldRate: study.goldRate,
    quota: study.quotaPerRater,
    crowdQuota: study.crowdQuota,
    gated: study.consentText !== "" || study.trainingItems > 0 || study.attentionAfter !== null,
    hideSelfNaming: study.selfNaming === "redact",
  };
}

/** The study's rules: those it was read with, or read now from its id. */
export async function rulesOf(study: string | StudyRules): Promise<Rules> {
  if (typeof study !== "string") return rulesFrom(study);
  return rulesFrom(await db().study.findUniqueOrThrow({ where: { id: study }, select: RULE_FIELDS }));
}
