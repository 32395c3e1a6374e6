import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FlagInput } from "@/lib/validation/judgment";

/** A rater reports a pair's content as broken or offensive; judging it stays up to them. */
export async function flagPair(raterId: string, input: FlagInput): Promise<void> {
  const assignment = await db().assignment.findFirst({ where: { id: input.assignmentId, raterId }, select: { id: true, pairId: true } });
  if (!assignment) throw new AppError("not_found", "This pair was not assigned to you.");
  await db().flag.upsert({
    where: { assignmentId_reason: { assignmentId: assignment.id, reason: input.reason } },
    create: { assignmentId: assignment.id, pairId: assignment.pairId, raterId, reason: input.reason, note: input.note || null },
    update: { note: input.note || null },
  });
}
