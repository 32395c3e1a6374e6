// Checking an email and password, for the sign-in form and for next-auth's credentials endpoint.
// The throttle counts the attempt before the hash is checked; an unknown email costs the same
// hash as a wrong password; and the answer never says which of the two it was.
import "server-only";
import { db } from "@/lib/db";
import { hashPassword, needsRehash, verifyNobody, verifyPassword } from "@/lib/users/passwords";
import { addressKey, countAttempt, emailKey, forgive } from "@/lib/users/throttle";

export const WRONG_CREDENTIALS = "That email and password do not match an active account.";
export const throttledMessage = (minutes: number) =>
  `Too many failed sign-ins for this email or from your network: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  sessionVersion: number;
}

export type Authentication = { user: SignedInUser } | { refused: string };

export async function authenticate(email: string, password: string, address: string): Promise<Authentication> {
  const keys = [emailKey(email), addressKey(address)];
  const minutes = await countAttempt(keys);
  if (minutes > 0) return { refused: throttledMessage(minutes) };
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true, participantId: true, sessionVersion: true },
  });
  // Crowd participants come in through their study's link only.
  const usable = user && !user.disabledAt && user.participantId === null;
  if (!usable || !(await verifyPassword(password, user.passwordHash))) {
    if (!usable) await verifyNobody(password);
    return { refused: WRONG_CREDENTIALS };
  }
  await forgive(keys);
  if (needsRehash(user.passwordHash)) await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  return { user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
