import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { makeUser, uniqueSuffix } from "@/lib/testing/seed-study";
import { authenticate, throttledMessage, WRONG_CREDENTIALS } from "@/lib/users/authenticate";

const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${uniqueSuffix()}`;

describe("signing in with a password", () => {
  it("locks an email after repeated failures, even against the right password, and lets it in once the window ends", async () => {
    const user = await makeUser("researcher");
    const from = address();
    const max = env().FAILURES_PER_EMAIL;
    // A success clears the email's earlier failures.
    for (let i = 0; i < max - 1; i++) expect(await authenticate(user.email, "wrong password", from)).toEqual({ refused: WRONG_CREDENTIALS });
    expect(await authenticate(user.email, user.password, from)).toMatchObject({ user: { id: user.id } });
    expect(await db().throttle.count({ where: { key: `email:${user.email}` } })).toBe(0);

    for (let i = 0; i < max; i++) await authenticate(user.email, "wrong password", address());
    expect(await authenticate(user.email, user.password, address())).toEqual({ refused: throttledMessage(15) });
    // Other emails are not slowed down.
    const other = await makeUser("rater");
    expect(await authenticate(other.email, other.password, address())).toMatchObject({ user: { id: other.id } });

    await db().throttle.update({ where: { key: `email:${user.email}` }, data: { windowStartsAt: new Date(Date.now() - 16 * 60_000) } });
    expect(await authenticate(user.email, user.password, address())).toMatchObject({ user: { id: user.id } });
  });

  it("counts attempts at once before checking any, so that a burst cannot pass the limit", async () => {
    const user = await makeUser("rater");
    const max = env().FAILURES_PER_EMAIL;
    // Wrong guesses all at once: exactly the limit of them are checked, the rest refused unchecked.
    // (Right passwords stay out of the burst: one that succeeds forgives the email, by design.)
    const results = await Promise.all(Array.from({ length: 3 * max }, () => authenticate(user.email, "wrong", address())));
    expect(results.filter((result) => "refused" in result && result.refused === WRONG_CREDENTIALS)).toHaveLength(max);
    expect(results.filter((result) => "refused" in result && result.refused.startsWith("Too many"))).toHaveLength(2 * max);
    // And then the right password too, until the window ends.
    expect(await authenticate(user.email, user.password, address())).toEqual({ refused: throttledMessage(15) });
  });

  it("limits the failures of one client address over many emails", async () => {
    const from = address();
    const max = env().FAILURES_PER_ADDRESS;
    for (let i = 0; i < max; i++) expect(await authenticate(`nobody-${i}-${uniqueSuffix()}@test.local`, "guess", from)).toEqual({ refused: WRONG_CREDENTIALS });
    const user = await makeUser("rater");
    expect(await authenticate(user.email, user.password, from)).toEqual({ refused: throttledMessage(15) });
    expect(await authenticate(user.email, user.password, address())).toMatchObject({ user: { id: user.id } });
  });

  it("takes a bcrypt hash from before and replaces it with argon2id", async () => {
    const email = `legacy-${uniqueSuffix()}@test.local`;
    await db().user.create({ data: { email, role: "rater", passwordHash: await bcrypt.hash("an old password", 4) } });
    expect(await authenticate(email, "an old password", address())).toMatchObject({ user: { email } });
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { email } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await authenticate(email, "an old password", address())).toMatchObject({ user: { email } });
  });

  it("answers an unknown email as a wrong password, in about the same time", async () => {
    const user = await makeUser("rater");
    const time = async (email: string) => {
      const start = performance.now();
      const result = await authenticate(email, "not the password", address());
      return { result, ms: performance.now() - start };
    };
    // Warm both paths, then take the median of several tries each.
    await time(user.email);
    await time(`warm-${uniqueSuffix()}@test.local`);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await time(user.email);
      const b = await time(`nobody-${uniqueSuffix()}@test.local`);
      expect(a.result).toEqual(b.result);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
    // Both are one argon2id check (about 10 ms here); before, an unknown email took 15 ms against 355.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.33);
    expect(median(unknown) / median(known)).toBeLessThan(3);
  });
});
