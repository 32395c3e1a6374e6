// The raters let into a study that is not open to every rater. Let in by email; each change goes
// to the study's history. Their judgments stay when they are let out again.
import "server-only";
import { db } from "@/lib/db";
import { withdrawLeases } from "@/lib/assign/withdraw-leases";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { IDENTITY_COLUMNS_SQL } from "@/lib/results/rater-identities";
import { identityLabel, type RaterIdentity } from "@/lib/results/rater-identity";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";
import { viaPrisma } from "@/lib/sql";

export interface LetInRater {
  id: string;
  /** Their pseudonym in this study, as the results and downloads name them. */
  rater: string;
  /** An account's email and name, or a crowd participant's platform and id (never their made-up email). */
  identity: RaterIdentity;
}

/** The raters let in, first let in first: crowd participants among them (each let into the study they came through). */
export async function studyRaters(studyId: string): Promise<LetInRater[]> {
  const rows = await db().$queryRaw<(RaterIdentity & { id: string; rater: string })[]>`
    SELECT u.id, ${raterPseudonym(studyId, Prisma.sql`u.id`)} AS rater, ${IDENTITY_COLUMNS_SQL}
      FROM "StudyRater" sr JOIN "User" u ON u.id = sr."raterId"
     WHERE sr."studyId" = ${studyId}
     ORDER BY sr."createdAt", u.id`;
  return rows.map(({ id, rater, ...identity }) => ({ id, rater, identity }));
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
    const [row] = await tx.$queryRaw<RaterIdentity[]>`
      SELECT ${IDENTITY_COLUMNS_SQL} FROM "StudyRater" sr JOIN "User" u ON u.id = sr."raterId"
       WHERE sr."studyId" = ${studyId} AND sr."raterId" = ${raterId}`;
    if (!row) throw new AppError("not_found", "That rater is not let into this study.");
    await tx.studyRater.delete({ where: { studyId_raterId: { studyId, raterId } } });
    await withdrawLeases(viaPrisma(tx), studyId, raterId);
    await tx.studyEvent.create({ data: { studyId, actorId, what: "rater let out", after: row.email ?? identityLabel(row) } });
  });
}
