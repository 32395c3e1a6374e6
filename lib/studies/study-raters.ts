// The raters let into a study that is not open to every rater. Let in by email; each change goes
// to the study's history. Their judgments stay when they are let out again.
import "server-only";
import { db } from "@/lib/db";
import { withdrawLeases } from "@/lib/assign/withdraw-leases";
import { AppError } from "@/lib/errors";

export async function studyRaters(studyId: string) {
  const raters = await db().studyRater.findMany({ where: { studyId }, orderBy: { createdAt: "asc" }, select: { rater: { select: { id: true, email: true } } } });
  return raters.map((row) => row.rater);
}

export async function letRaterIn(studyId: string, email: string, actorId: string): Promise<void> {
  const address = email.trim().toLowerCase();
  const rater = await db().user.findUnique({ where: { email: address }, select: { id: true, role: true, disabledAt: true } });
  if (!rater || rater.role !== "rater" || rater.disabledAt) throw new AppError("invalid", `No active rater account has the email "${email.trim()}".`);
  await db().$transaction(async (tx) => {
    const added = await tx.studyRater.createMany({ data: [{ studyId, raterId: rater.id }], skipDuplicates: true });
    if (added.count === 0) throw new AppError("conflict", "That rater is let in already.");
    await tx.studyEvent.create({ data: { studyId, actorId, what: "rater let in", after: address } });
  });
}

export async function letRaterOut(studyId: string, raterId: string, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const [row] = await tx.studyRater.findMany({ where: { studyId, raterId }, select: { rater: { select: { email: true } } } });
    if (!row) throw new AppError("not_found", "That rater is not let into this study.");
    await tx.studyRater.delete({ where: { studyId_raterId: { studyId, raterId } } });
    await withdrawLeases(tx, studyId, raterId);
    await tx.studyEvent.create({ data: { studyId, actorId, what: "rater let out", after: row.rater.email } });
  });
}
