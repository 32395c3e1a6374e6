import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { uniqueSuffix } from "@/lib/testing/seed-study";
import { createUser } from "@/lib/users/create-user";
import { verifyPassword } from "@/lib/users/passwords";

describe("createUser", () => {
  it("stores an argon2id hash, never the password, and refuses a second account with the same email", async () => {
    const email = `Someone-${uniqueSuffix()}@Example.org`;
    const user = await createUser({ email: email.toLowerCase(), role: "researcher", password: "a long password" });
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).not.toContain("a long password");
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("a long password", stored.passwordHash)).toBe(true);

    await expect(createUser({ email: email.toLowerCase(), role: "rater", password: "another password" })).rejects.toThrow(
      `A user with the email ${email.toLowerCase()} already exists.`,
    );
  });
});
