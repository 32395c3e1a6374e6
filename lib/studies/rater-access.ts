// Which studies a rater may judge: open ones that are open to every rater, or that they were let
// into. To a rater, any other study does not exist.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STUDY_FIELDS } from "@/lib/studies/find-study";

const judgeableBy = (raterId: string): Prisma.StudyWhereInput => ({
  status: "open",
  OR: [{ openToAllRaters: true }, { raters: { some: { raterId } } }],
});

/** The studies a rater may judge now, by the names raters may see. */
export function listStudiesForRater(raterId: string) {
  return db().study.findMany({ where: judgeableBy(raterId), orderBy: { createdAt: "desc" }, select: { slug: true, raterTitle: true } });
}

/** The study, if this rater may judge it now: one query, on every rating request. */
export function studyForRater(slug: string, raterId: string) {
  return db().study.findFirst({ where: { slug, ...judgeableBy(raterId) }, select: STUDY_FIELDS });
}

/** For the rater's API: the study, or a 404 that names the slug and nothing else. */
export async function requireStudyForRater(slug: string, raterId: string) {
  const study = await studyForRater(slug, raterId);
  if (!study) throw new AppError("not_found", `No open study "${slug}".`);
  return study;
}
