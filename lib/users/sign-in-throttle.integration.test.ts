import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/seed-study";
import { MAX_FAILURES } from "@/lib/users/sign-in-throttle";

const authorize = (email: string, password: string) =>
  (authOptions.providers.find((provider) => provider.id === "credentials") as unknown as { options: { authorize: (c: Record<string, string>) => Promise<unknown> } }).options.authorize({
    email,
    password,
  });

describe("sign-in", () => {
  it("locks an email after repeated failures, even against the right password, and lets it in once the lock ends", async () => {
    const user = await makeUser("researcher");
    // A success clears earlier failures.
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect(await authorize(user.email, "wrong password")).toBeNull();
    expect(await authorize(user.email, user.password)).toMatchObject({ id: user.id });
    expect(await db().signInThrottle.count({ where: { email: user.email } })).toBe(0);

    for (let i = 0; i < MAX_FAILURES; i++) expect(await authorize(user.email, "wrong password")).toBeNull();
    await expect(authorize(user.email, user.password)).rejects.toThrow("Too many failed sign-ins for this email: try again in 15 minutes.");
    // Other emails are not slowed down.
    const other = await makeUser("rater");
    expect(await authorize(other.email, other.password)).toMatchObject({ id: other.id });

    await db().signInThrottle.update({ where: { email: user.email }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await authorize(user.email, user.password)).toMatchObject({ id: user.id });
  });

  it("counts failures at once without losing any", async () => {
    const user = await makeUser("rater");
    await Promise.all(Array.from({ length: MAX_FAILURES }, () => authorize(user.email, "wrong password")));
    expect(await db().signInThrottle.findUniqueOrThrow({ where: { email: user.email } })).toMatchObject({ failures: MAX_FAILURES });
    await expect(authorize(user.email, user.password)).rejects.toThrow(/Too many failed sign-ins/);
  });
});
