// The user a session names, read on every request: currentUser (lib/auth.ts) after decoding the
// session cookie, and the rater-loop benchmark's step through pg.
import "server-only";
import type { SessionUser } from "@/lib/auth";
import { primaryDatabase } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Sql } from "@/lib/sql";

const SESSION_USER = `SELECT id, email, name, role::text AS role, "disabledAt", "participantId", "sessionVersion" FROM "User" WHERE id = $1`;

/** The user, if the session still stands: not disabled, and not signed out since `version` (the token's). */
export async function readSessionUser(sql: Sql, id: string, version = 0): Promise<SessionUser | null> {
  const [user] = await sql.query<{ id: string; email: string; name: string | null; role: Role; disabledAt: Date | null; participantId: string | null; sessionVersion: number }>(
    SESSION_USER,
    [id],
  );
  if (!user || user.disabledAt || user.sessionVersion !== version) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, participant: user.participantId !== null };
}

/** As readSessionUser, through the app's pool: a statement on every request, sent prepared. */
export function sessionUser(id: string, version = 0): Promise<SessionUser | null> {
  return readSessionUser(primaryDatabase(), id, version);
}
