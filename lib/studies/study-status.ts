// A study's lifecycle: draft (being set up, invisible to raters) → open (raters judge) ⇄ paused
// (no new pairs handed out) → closed (read-only: no more judgments or imports, results final).
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { StudyStatus } from "@/lib/generated/prisma/enums";
import { withdrawLeases } from "@/lib/assign/withdraw-leases";
import { viaPrisma } from "@/lib/sql";

export const NEXT_STATUSES: Record<StudyStatus, StudyStatus[]> = {
  draft: ["open"],
  open: ["paused", "closed"],
  paused: ["open", "closed"],
  closed: [],
};

/**
 * Moves a study on, under a row lock so that two researchers' clicks apply one after the other,
 * and records who did it in the study's history.
 */
export async function changeStudyStatus(studyId: string, to: StudyStatus, actorId: string | null): Promise<void> {
  await db().$transaction(async (tx) => {
    const [study] = await tx.$queryRaw<{ status: StudyStatus }[]>`SELECT status FROM "Study" WHERE id = ${studyId} FOR UPDATE`;
    if (!study) throw new AppError("not_found", "That study does not exist.");
    if (study.status === to) return;
    if (!NEXT_STATUSES[study.status].includes(to)) {
      throw new AppError(
        "conflict",
        study.status === "closed" ? "This study is closed: its judgments and results are final." : `A ${study.status} study cannot become ${to}.`,
      );
    }
    await tx.study.update({ where: { id: studyId }, data: { status: to } });
    // Pausing or closing takes back every pair on loan, so that no lease outlives the state that
    // granted it and the pairs' held counts, the raters' progress and the results agree.
    if (to !== "open") await withdrawLeases(viaPrisma(tx), studyId);
    await tx.studyEvent.create({ data: { studyId, actorId, what: "status", before: study.status, after: to } });
  });
}
