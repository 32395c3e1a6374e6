import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A rater's name in results and exports: stable within a study, different across studies, and
 * neither the account's id nor its email. SQL over a judgment aliased `j`, or over the rater's id
 * given (a user's `u.id`, say).
 */
export function raterPseudonym(studyId: string, raterId: Prisma.Sql = Prisma.sql`j."raterId"`): Prisma.Sql {
  return Prisma.sql`'rater-' || left(md5(${studyId} || ':' || ${raterId}), 10)`;
}

/** The same over a judgment `j` and its pair `p`, as plain SQL (for COPY, which takes no parameters). */
export const PSEUDONYM_SQL = `'rater-' || left(md5(p."studyId" || ':' || j."raterId"), 10)`;
