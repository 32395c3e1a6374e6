// The one gate of every write a rater makes (judgment, skip, flag): the assignment is theirs, in
// the study named in the address, the study is open and the rater is still let in, all read in
// the transaction that then writes (lockOwnAssignmentRow, in statements.ts).
import { KINDS } from "@/lib/kinds";
import "server-only";
import { lockOwnAssignmentRow, type LockedAssignment } from "@/lib/assign/statements";
import { AppError } from "@/lib/errors";
import type { Sql } from "@/lib/sql";

/** What a rater stopped by the attention checks is told, on a write and on their page. */
export const STOPPED_MESSAGE =
  "Your answers to this study's check questions did not reach the accuracy it needs, so it cannot take more answers from you, and nothing more was recorded. Thank you for your time.";

/**
 * The rater's own assignment in the study named by `slug`, locked along with its pair (as claims
 * lock it), so this serialises with anyone claiming or answering the same pair. `tx` is the
 * transaction that then writes.
 */
export async function lockOwnAssignment(tx: Sql, raterId: string, slug: string, assignmentId: string): Promise<LockedAssignment> {
  const assignment = await lockOwnAssignmentRow(tx, assignmentId, raterId, slug);
  if (!assignment || !assignment.inStudy) throw new AppError("not_found", "This pair was not assigned to you in this study.");
  return assignment;
}

/**
 * Refuses, before anything is written, unless the study takes this rater's answer on this
 * assignment now: open, the rater still let in, the pair not taken back (while paused, say).
 */
export function requireWritable(assignment: LockedAssignment): void {
  if (assignment.studyStatus === "paused") throw new AppError("conflict", "This study is paused, so nothing was recorded. Please come back later.");
  if (assignment.studyStatus !== "open") throw new AppError("gone", "This study has ended, so nothing was recorded. Thank you for taking part.");
  if (!assignment.letIn) throw new AppError("not_found", "You are no longer taking part in this study, so nothing was recorded.");
  if (assignment.stopped) throw new AppError("gone", STOPPED_MESSAGE);
  if (!assignment.stepsTaken) throw new AppError("conflict", "This study asks for its first steps (its consent page, its practice pairs) before any answer, so nothing was recorded. Please reload the page.");
  if (assignment.status === "withdrawn") {
    const { one } = KINDS[assignment.kind].item;
    throw new AppError("gone", `This ${one} was taken back while the study was paused, so nothing was recorded. Here is your next ${one}.`);
  }
}
