import "server-only";
import { lockOwnAssignment, requireWritable } from "@/lib/assign/lock-own-assignment";
import { db } from "@/lib/db";
import { viaPrisma } from "@/lib/sql";
import type { FlagInput } from "@/lib/validation/judgment";

/** A rater reports a pair's content as broken or offensive; judging it stays up to them. */
export async function flagPair(raterId: string, slug: string, input: FlagInput): Promise<void> {
  await db().$transaction(async (tx) => {
    const assignment = await lockOwnAssignment(viaPrisma(tx), raterId, slug, input.assignmentId);
    requireWritable(assignment);
    await tx.flag.upsert({
      where: { assignmentId_reason: { assignmentId: assignment.id, reason: input.reason } },
      create: { assignmentId: assignment.id, pairId: assignment.pairId, raterId, reason: input.reason, note: input.note || null },
      update: { note: input.note || null },
    });
  });
}
