// The researchers of a study besides its owner. Added by email; each change goes to the study's
// history. They see and run the study as its owner does (lib/studies/study-access.ts).
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** The study's owner (none for a study made from the command line) and collaborators, by email. */
export async function studyResearchers(studyId: string) {
  const study = await db().study.findUniqueOrThrow({
    where: { id: studyId },
    select: {
      createdBy: { select: { email: true } },
      collaborators: { orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, email: true } } } },
    },
  });
  return { owner: study.createdBy?.email ?? null, collaborators: study.collaborators.map((collaborator) => collaborator.user) };
}

export async function addCollaborator(studyId: string, email: string, actorId: string): Promise<void> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, role: true, disabledAt: true } });
  if (!user || user.role !== "researcher" || user.disabledAt) {
    throw new AppError("invalid", `No active researcher account has the email "${email.trim()}".`);
  }
  const study = await db().study.findUniqueOrThrow({ where: { id: studyId }, select: { createdById: true } });
  if (study.createdById === user.id) throw new AppError("conflict", "That researcher owns this study already.");
  await db().$transaction(async (tx) => {
    const added = await tx.studyCollaborator.createMany({ data: [{ studyId, userId: user.id }], skipDuplicates: true });
    if (added.count === 0) throw new AppError("conflict", "That researcher is on this study already.");
    await tx.studyEvent.create({ data: { studyId, actorId, what: "collaborator added", after: email.trim().toLowerCase() } });
  });
}

export async function removeCollaborator(studyId: string, userId: string, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const [removed] = await tx.studyCollaborator.findMany({ where: { studyId, userId }, select: { user: { select: { email: true } } } });
    if (!removed) throw new AppError("not_found", "That researcher is not on this study.");
    await tx.studyCollaborator.delete({ where: { studyId_userId: { studyId, userId } } });
    await tx.studyEvent.create({ data: { studyId, actorId, what: "collaborator removed", after: removed.user.email } });
  });
}
