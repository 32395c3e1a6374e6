import "server-only";
import type { Side, Verdict } from "@/lib/assign/policy";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StudyKind } from "@/lib/generated/prisma/enums";

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
  elapsedMs: number;
}

/** $1 the assignment, $2 the rater. Exported for the rater-loop benchmark, which sends it through pg. */
export const LOCK_OWN_ASSIGNMENT_SQL = `
    SELECT a.id, p."studyId", a."pairId", a.status, a."targetSide", a."leaseExpiresAt" <= now() AS expired,
           s."judgmentsPerPair" AS k, s."rationaleMode" AS "rationaleMode", p."goldVerdict" AS "goldVerdict", s.kind::text AS kind,
           (extract(epoch FROM now() - a."shownAt") * 1000)::int AS "elapsedMs"
      FROM "Assignment" a
      JOIN "Pair" p ON p.id = a."pairId"
      JOIN "Study" s ON s.id = p."studyId"
     WHERE a.id = $1 AND a."raterId" = $2
     FOR UPDATE OF p, a`;

/**
 * The rater's own assignment, locked along with its pair (as claims lock it), so this serialises
 * with anyone claiming or answering the same pair. Shared by submitting and skipping.
 */
export async function lockOwnAssignment(tx: Prisma.TransactionClient, raterId: string, assignmentId: string): Promise<LockedAssignment> {
  const [assignment] = await tx.$queryRawUnsafe<LockedAssignment[]>(LOCK_OWN_ASSIGNMENT_SQL, assignmentId, raterId);
  if (!assignment) throw new AppError("not_found", "This pair was not assigned to you.");
  return assignment;
}
