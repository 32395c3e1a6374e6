import "server-only";
import { db } from "@/lib/db";
import { lockOwnAssignment, requireWritable } from "@/lib/assign/lock-own-assignment";
import { viaPrisma } from "@/lib/sql";

/**
 * A rater passes on a pair, saying why. The reason and the time are kept (researchers review
 * them beside the flags); the pair goes back to the pool for others and is never offered to this
 * rater again. Skipping twice changes nothing.
 */
export async function skipAssignment(raterId: string, slug: string, assignmentId: string, reason: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const assignment = await lockOwnAssignment(viaPrisma(tx), raterId, slug, assignmentId);
    requireWritable(assignment);
    if (assignment.status !== "active") return;
    await tx.assignment.update({ where: { id: assignment.id }, data: { status: "skipped", skipReason: reason, skippedAt: new Date() } });
  });
}
