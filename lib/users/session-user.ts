// The user a session names, read on every request: currentUser (lib/auth.ts) after decoding the
// session cookie, and the rater-loop benchmark's in-process step.
import "server-only";
import type { SessionUser } from "@/lib/auth";
import { db } from "@/lib/db";

/** The user, if the session still stands: not disabled, and not signed out since `version` (the token's). */
export async function sessionUser(id: string, version = 0): Promise<SessionUser | null> {
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, participantId: true, sessionVersion: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== version) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, participant: user.participantId !== null };
}
