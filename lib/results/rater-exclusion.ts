// Leaving a rater out of a study's results, and letting them back in. Researchers know raters only
// by their pseudonym in the study, so that is what they name; the judgments are never touched.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";

async function raterBehind(studyId: string, pseudonym: string): Promise<string> {
  const [rater] = await db().$queryRaw<{ raterId: string }[]>`
    SELECT DISTINCT j."raterId" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
     WHERE p."studyId" = ${studyId} AND ${raterPseudonym(studyId)} = ${pseudonym}`;
  if (!rater) throw new AppError("not_found", `No rater "${pseudonym}" has judged in this study.`);
  return rater.raterId;
}

export async function excludeRater(studyId: string, pseudonym: string, excludedById: string, reason: string | null): Promise<void> {
  const raterId = await raterBehind(studyId, pseudonym);
  await db().$transaction([
    db().raterExclusion.upsert({
      where: { studyId_raterId: { studyId, raterId } },
      create: { studyId, raterId, excludedById, reason },
      update: { reason },
    }),
    db().studyEvent.create({ data: { studyId, actorId: excludedById, what: "rater excluded", after: reason ? `${pseudonym}: ${reason}` : pseudonym } }),
  ]);
}

/** Lets the rater back into the figures and, if the attention checks stopped them, back to judging (the checks do not stop them again). */
export async function includeRater(studyId: string, pseudonym: string, actorId: string | null): Promise<void> {
  const raterId = await raterBehind(studyId, pseudonym);
  await db().$transaction(async (tx) => {
    await tx.raterExclusion.deleteMany({ where: { studyId, raterId } });
    const lifted = await tx.raterStop.updateMany({ where: { studyId, raterId, liftedAt: null }, data: { liftedAt: new Date(), liftedById: actorId } });
    await tx.studyEvent.create({ data: { studyId, actorId, what: "rater included", after: lifted.count ? `${pseudonym} (stop lifted: may judge again)` : pseudonym } });
  });
}
