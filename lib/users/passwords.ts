// Password hashes: argon2id with OWASP's parameters (19 MiB, two passes, one lane), computed on
// libuv's thread pool by @node-rs/argon2, so a sign-in never stalls the raters' requests. Hashes
// from before (bcrypt) are still accepted, and replaced at the next sign-in.
import { hash, verify } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

const isArgon2 = (stored: string) => stored.startsWith("$argon2");
const isBcrypt = (stored: string) => /^\$2[aby]\$/.test(stored);

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isArgon2(stored)) return verify(stored, password).catch(() => false);
  if (isBcrypt(stored)) return bcrypt.compare(password, stored);
  // "!" and anything else that is no hash: an account with no password (a crowd participant).
  return false;
}

/** Whether a hash that just verified should be replaced by one of today's kind and cost. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
}

let nobody: Promise<string> | undefined;

/**
 * The same work as checking a wrong password, for a sign-in whose account does not exist (or may
 * not sign in this way), so that the time of the answer does not tell the two apart.
 */
export async function verifyNobody(password: string): Promise<false> {
  nobody ??= hashPassword("a password of an account that does not exist");
  await verify(await nobody, password).catch(() => false);
  return false;
}
