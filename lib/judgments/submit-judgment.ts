// Records a rater's verdict on their assignment. Idempotent: a double click, a retry or a second
// tab yields one judgment, and the later calls are told it was already recorded.
import "server-only";
import { verdictFor, type Side } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { JudgmentInput } from "@/lib/validation/judgment";

export type SubmitOutcome = "recorded" | "already_recorded";

export async function submitJudgment(raterId: string, input: JudgmentInput): Promise<SubmitOutcome> {
  return db().$transaction(async (tx) => {
    // Locking the pair first, as claims do, serialises this with anyone claiming the same pair.
    const [assignment] = await tx.$queryRaw<
      { id: string; pairId: string; status: string; targetSide: Side; expired: boolean; k: number; elapsedMs: number }[]
    >`
      SELECT a.id, a."pairId", a.status, a."targetSide", a."leaseExpiresAt" <= now() AS expired,
             s."judgmentsPerPair" AS k,
             (extract(epoch FROM now() - a."shownAt") * 1000)::int AS "elapsedMs"
        FROM "Assignment" a
        JOIN "Pair" p ON p.id = a."pairId"
        JOIN "Study" s ON s.id = p."studyId"
       WHERE a.id = ${input.assignmentId} AND a."raterId" = ${raterId}
       FOR UPDATE OF p, a`;
    if (!assignment) throw new AppError("not_found", "This pair was not assigned to you.");
    if (assignment.status === "done") return "already_recorded";

    const lapsed = assignment.status !== "active" || assignment.expired;
    if (lapsed) {
      const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Assignment" a
         WHERE a."pairId" = ${assignment.pairId} AND a.id <> ${assignment.id}
           AND (a.status = 'done' OR (a.status = 'active' AND a."leaseExpiresAt" > now()))`;
      if (n >= assignment.k) {
        await tx.assignment.update({ where: { id: assignment.id }, data: { status: "expired" } });
        throw new AppError(
          "gone",
          "Time ran out on that pair and other raters have since judged it, so your answer was not needed. Here is your next pair.",
        );
      }
    }

    await tx.judgment.create({
      data: {
        assignmentId: assignment.id,
        pairId: assignment.pairId,
        raterId,
        choice: input.choice,
        verdict: verdictFor(input.choice, assignment.targetSide),
        targetSide: assignment.targetSide,
        rationale: input.rationale || null,
        timeOnTaskMs: Math.max(0, assignment.elapsedMs),
      },
    });
    await tx.assignment.update({ where: { id: assignment.id }, data: { status: "done" } });
    return "recorded";
  });
}
