// Which studies a rater may judge: open ones that are open to every rater, or that they were let
// into; a crowd participant only the study whose link they came through. To a rater, any other
// study does not exist.
import "server-only";
import { RULE_FIELDS } from "@/lib/assign/rules";
import { db, primaryDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STUDY_FIELDS } from "@/lib/studies/find-study";
import type { Sql } from "@/lib/sql";
import { isSlug } from "@/lib/validation/study";

export interface Rater {
  id: string;
  participant: boolean;
}

/** The studies the rater is let into (whatever their status): a participant's own, or those open to every rater or that let them in. */
const letInto = (rater: Rater): Prisma.StudyWhereInput =>
  rater.participant ? { participants: { some: { id: rater.id } } } : { OR: [{ openToAllRaters: true }, { raters: { some: { raterId: rater.id } } }] };

const judgeableBy = (rater: Rater): Prisma.StudyWhereInput => ({ status: "open", ...letInto(rater) });

/**
 * The studies a rater may judge now, by the names raters may see (never the researchers' title,
 * which may name systems), with their kind and the rules their progress is counted by.
 */
export function listStudiesForRater(rater: Rater) {
  return db().study.findMany({
    where: judgeableBy(rater),
    orderBy: { createdAt: "desc" },
    select: { slug: true, raterTitle: true, kind: true, ...RULE_FIELDS },
  });
}

/** What a rating request reads of its study: what its page shows, and the rules its pairs are handed out by. */
const RATER_STUDY_FIELDS = { ...STUDY_FIELDS, ...RULE_FIELDS } satisfies Prisma.StudySelect;

export type RatedStudy = Prisma.StudyGetPayload<{ select: typeof RATER_STUDY_FIELDS }>;

/**
 * The study named `$1` if rater `$2` may judge it now (judgeableBy in SQL, `$3` whether they are a
 * crowd participant), with the fields RATER_STUDY_FIELDS names, all of them scalar columns.
 */
const STUDY_FOR_RATER = `SELECT ${Object.keys(RATER_STUDY_FIELDS)
  .map((field) => `s."${field}"`)
  .join(", ")}
       FROM "Study" s
      WHERE s.slug = $1 AND s.status = 'open'
        AND CASE WHEN $3::boolean THEN EXISTS (SELECT 1 FROM "User" u WHERE u.id = $2 AND u."participantOfStudyId" = s.id)
                 ELSE s."openToAllRaters" OR EXISTS (SELECT 1 FROM "StudyRater" r WHERE r."studyId" = s.id AND r."raterId" = $2) END`;

/**
 * The study, if this rater may judge it now: one statement, on every rating request, sent
 * prepared. It carries the study's rules, for nextStep, nextAssignment and raterProgress to take
 * instead of its id.
 */
export async function readStudyForRater(sql: Sql, slug: string, rater: Rater): Promise<RatedStudy | null> {
  if (!isSlug(slug)) return null;
  const [study] = await sql.query<RatedStudy>(STUDY_FOR_RATER, [slug, rater.id, rater.participant]);
  return study ?? null;
}

/** As readStudyForRater, through the app's pool. */
export function studyForRater(slug: string, rater: Rater): Promise<RatedStudy | null> {
  return readStudyForRater(primaryDatabase(), slug, rater);
}

/** For the rater's API: the study, or a 404 that names the slug and nothing else. */
export async function requireStudyForRater(slug: string, rater: Rater) {
  const study = await studyForRater(slug, rater);
  if (!study) throw new AppError("not_found", `No open study "${slug}".`);
  return study;
}

/**
 * Why a study is not open to this rater now, so that their page says so instead of "not found":
 * paused or ended, for a rater who took part in it or is let into it (a study open to every rater
 * included) though they never had a pair of it yet; let out, for one who took part. Null for any
 * other study (a draft, or one the rater was never let into), which stays invisible.
 */
export async function whyNotOpen(slug: string, rater: Rater): Promise<{ title: string; reason: string } | null> {
  if (!isSlug(slug)) return null;
  const tookPart: Prisma.StudyWhereInput = { pairs: { some: { assignments: { some: { raterId: rater.id } } } } };
  const study = await db().study.findFirst({
    where: { slug, OR: [tookPart, { status: { in: ["paused", "closed"] }, ...letInto(rater) }] },
    select: { raterTitle: true, status: true, pairs: { where: { assignments: { some: { raterId: rater.id } } }, select: { id: true }, take: 1 } },
  });
  if (!study) return null;
  const judged = study.pairs.length > 0;
  const reason =
    study.status === "paused"
      ? judged
        ? "This study is paused. Nothing you judged is lost: please come back later."
        : "This study is paused for now: please come back later."
      : study.status === "closed"
        ? judged
          ? "This study has ended. Thank you for taking part."
          : "This study has ended."
        : "You are no longer taking part in this study. Thank you for the judgments you made.";
  return { title: study.raterTitle, reason };
}
