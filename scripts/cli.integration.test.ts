// The command-line entry points, run as a user runs them, against the test database.
import { spawnSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { uniqueSuffix } from "@/lib/testing/seed-study";
import { verifyPassword } from "@/lib/users/passwords";

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), ...env },
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe("npm run user:create", () => {
  it("creates an account from flags, or with the password from USER_PASSWORD", async () => {
    const email = `cli-${uniqueSuffix()}@test.local`;
    const created = run("scripts/user-create.ts", ["--email", email, "--role", "researcher", "--password", "a password of length"]);
    expect(created.out).toContain(`Created researcher ${email}.`);
    expect(created.code).toBe(0);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("researcher");
    expect(await verifyPassword("a password of length", user.passwordHash)).toBe(true);

    const fromEnv = `cli-${uniqueSuffix()}@test.local`;
    expect(run("scripts/user-create.ts", ["--email", fromEnv, "--role", "rater"], { USER_PASSWORD: "from the environment" }).code).toBe(0);
    expect(await verifyPassword("from the environment", (await db().user.findUniqueOrThrow({ where: { email: fromEnv } })).passwordHash)).toBe(true);

    const again = run("scripts/user-create.ts", ["--email", email, "--role", "rater", "--password", "another long one"]);
    expect(again.code).toBe(1);
    expect(again.out).toContain(`A user with the email ${email} already exists.`);
  });

  it("names each bad flag and creates nothing", async () => {
    const email = `cli-${uniqueSuffix()}@test.local`;
    const bad = run("scripts/user-create.ts", ["--email", email, "--role", "owner", "--password", "short"], { USER_PASSWORD: "" });
    expect(bad.code).toBe(2);
    expect(bad.out).toContain("--role: must be admin, researcher or rater");
    expect(bad.out).toContain("--password: must be at least 10 characters");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });
});

describe("npm start", () => {
  it("refuses to start in production without NEXTAUTH_SECRET, saying what to do", () => {
    const result = run("scripts/serve.ts", ["start"], { NEXTAUTH_SECRET: "", NODE_ENV: "production" });
    expect(result.code).toBe(1);
    expect(result.out).toContain("NEXTAUTH_SECRET is not set");
  });
});
