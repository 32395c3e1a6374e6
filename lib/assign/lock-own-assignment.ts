// The one gate of every write a rater makes (judgment, skip, flag): the assignment is theirs, in
// the study named in the address, the study is open and the rater is still let in, all read in
// the transaction that then writes.
import "server-only";
import type { Side, Verdict } from "@/lib/assign/policy";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StudyKind, StudyStatus } from "@/lib/generated/prisma/enums";

export interface LockedAssignment {
  id: string;
  studyId: string;
  pairId: string;
  status: string;
  targetSide: Side;
  expired: boolean;
  k: number;
  rationaleMode: "off" | "optional" | "required";
  goldVerdict: Verdict | null;
  /** What the study asks of a judgment: a side between two answers, a label or a score. */
  kind: StudyKind;
  /** A study of scores: its scale's ends; null otherwise. */
  scaleMin: number | null;
  scaleMax: number | null;
  elapsedMs: number;
  redacted: boolean;
  studyStatus: StudyStatus;
  inStudy: boolean;
  letIn: boolean;
}

/**
 * $1 the assignment, $2 the rater, $3 the study's slug from the address. Exported for the
 * rater-loop benchmark, which sends it through pg.
 *
 * The study row is share-locked, so a researcher's pause or close (which locks it for update)
 * waits for this write or is seen by it; letting a rater out withdraws their leases, so it waits
 * on the assignment's row lock and is seen in its status.
 */
export const LOCK_OWN_ASSIGNMENT_SQL = `
    SELECT a.id, p."studyId", a."pairId", a.status, a."targetSide", a."leaseExpiresAt" <= now() AS expired,
           s."judgmentsPerPair" AS k, s."rationaleMode" AS "rationaleMode", p."goldVerdict" AS "goldVerdict", s.kind::text AS kind,
           s."scaleMin", s."scaleMax", (extract(epoch FROM now() - a."shownAt") * 1000)::int AS "elapsedMs", a.redacted,
           s.status::text AS "studyStatus", s.slug = $3 AS "inStudy",
           u."disabledAt" IS NULL
             AND CASE WHEN u."participantId" IS NOT NULL THEN u."participantOfStudyId" = s.id
                      ELSE s."openToAllRaters" OR EXISTS (SELECT 1 FROM "StudyRater" r WHERE r."studyId" = s.id AND r."raterId" = u.id) END AS "letIn"
      FROM "Assignment" a
      JOIN "Pair" p ON p.id = a."pairId"
      JOIN "Study" s ON s.id = p."studyId"
      JOIN "User" u ON u.id = a."raterId"
     WHERE a.id = $1 AND a."raterId" = $2
     FOR UPDATE OF p, a FOR KEY SHARE OF s`;

/**
 * The rater's own assignment in the study named by `slug`, locked along with its pair (as claims
 * lock it), so this serialises with anyone claiming or answering the same pair.
 */
export async function lockOwnAssignment(tx: Prisma.TransactionClient, raterId: string, slug: string, assignmentId: string): Promise<LockedAssignment> {
  const [assignment] = await tx.$queryRawUnsafe<LockedAssignment[]>(LOCK_OWN_ASSIGNMENT_SQL, assignmentId, raterId, slug);
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
  if (assignment.status === "withdrawn") {
    throw new AppError("gone", "This pair was taken back while the study was paused, so nothing was recorded. Here is your next pair.");
  }
}
