// Who a study's raters are, read for its researchers' pages (./rater-identity says what is shown,
// and never a crowd participant's made-up email), and the raters table's search by name.
import "server-only";
import { readDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { IDENTITY_SQL, type RaterIdentity } from "@/lib/results/rater-identity";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";

/** The identity's columns over a user aliased `u`: email, name, platform, "platformId". */
export const IDENTITY_COLUMNS_SQL = Prisma.raw(
  `${IDENTITY_SQL.email} AS email, ${IDENTITY_SQL.name} AS name, ${IDENTITY_SQL.platform} AS platform, ${IDENTITY_SQL.platformId} AS "platformId"`,
);

/**
 * Whether the user aliased `u` is found by the search: a case-insensitive part of an account's
 * email, the name, the platform, the platform id, or the rater's pseudonym in the study.
 */
export function raterMatches(studyId: string, search: string): Prisma.Sql {
  const contains = (value: Prisma.Sql) => Prisma.sql`strpos(lower(coalesce(${value}, '')), lower(${search}::text)) > 0`;
  const parts = [IDENTITY_SQL.email, IDENTITY_SQL.name, IDENTITY_SQL.platform, IDENTITY_SQL.platformId].map((sql) => contains(Prisma.raw(sql)));
  return Prisma.sql`(${Prisma.join([...parts, contains(raterPseudonym(studyId, Prisma.sql`u.id`))], " OR ")})`;
}

type IdentityRow = RaterIdentity & { rater: string };

const byPseudonym = (rows: IdentityRow[]) => new Map(rows.map(({ rater, ...identity }) => [rater, identity]));

/**
 * Every rater who judged in the study, by pseudonym, with who they are; with a search, only the
 * raters it finds. From the judgments per rater and day, which hold a row for everyone who judged.
 */
export async function raterIdentities(studyId: string, search: string | null = null): Promise<Map<string, RaterIdentity>> {
  const rows = await readDb().$queryRaw<IdentityRow[]>`
    SELECT ${raterPseudonym(studyId, Prisma.sql`u.id`)} AS rater, ${IDENTITY_COLUMNS_SQL}
      FROM "User" u
     WHERE u.id IN (SELECT d."raterId" FROM "JudgmentDay" d WHERE d."studyId" = ${studyId})
       AND ${search ? raterMatches(studyId, search) : Prisma.sql`TRUE`}`;
  return byPseudonym(rows);
}

/** For the raters table: who every rater is, and which ones the search found (null: no search, every one). */
export async function raterTableIdentities(studyId: string, search: string | null) {
  const [identities, found] = await Promise.all([raterIdentities(studyId), search ? raterIdentities(studyId, search) : null]);
  return { identities, found: found ? new Set(found.keys()) : null };
}
