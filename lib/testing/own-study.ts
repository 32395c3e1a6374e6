// For tests about something other than the address check: a rater's write sent with the slug of
// the study their assignment belongs to, as their rating page would send it.
import { skipAssignment } from "@/lib/assign/skip-assignment";
import { db } from "@/lib/db";
import { flagPair } from "@/lib/judgments/flag-pair";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { undoJudgment } from "@/lib/judgments/undo-judgment";
import type { FlagInput, JudgmentInput } from "@/lib/validation/judgment";

async function slugOf(assignmentId: string): Promise<string> {
  const row = await db().assignment.findUnique({ where: { id: assignmentId }, select: { pair: { select: { study: { select: { slug: true } } } } } });
  return row?.pair.study.slug ?? "no-such-study";
}

export const judgeInOwnStudy = async (raterId: string, input: JudgmentInput) => submitJudgment(raterId, await slugOf(input.assignmentId), input);
export const skipInOwnStudy = async (raterId: string, assignmentId: string, reason: string) => skipAssignment(raterId, await slugOf(assignmentId), assignmentId, reason);
export const flagInOwnStudy = async (raterId: string, input: FlagInput) => flagPair(raterId, await slugOf(input.assignmentId), input);
export const undoInOwnStudy = async (raterId: string, assignmentId: string) => undoJudgment(raterId, await slugOf(assignmentId), assignmentId);
