// The command-line entry points, run as a user runs them, against the test database.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { uniqueSuffix } from "@/lib/testing/seed-study";
import { verifyPassword } from "@/lib/users/passwords";
import { readLimaTestSet } from "@/lib/studies/lima-test-set";

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

describe("npm run import", () => {
  it("imports the LIMA test set and six systems' responses, in every file layout, into a new study", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "import-cli-"));
    const prompts = readLimaTestSet();
    const answer = (system: string, n: number) => `${system}'s answer to prompt ${n}, with "quotes", a comma\nand a second line.`;
    // LIMA's own format for LIMA, one CSV per system for two baselines, one JSONL for the other three.
    writeFileSync(path.join(folder, "lima.jsonl"), prompts.map((p, i) => JSON.stringify({ conversations: [p.text, answer("LIMA", i + 1)] })).join("\n"));
    for (const system of ["Alpaca 65B", "DaVinci003"]) {
      const rows = prompts.map((p) => `${p.externalId},"${answer(system, Number(p.externalId)).replaceAll('"', '""')}"`);
      writeFileSync(path.join(folder, `${system}.csv`), ["prompt_id,response", ...rows].join("\r\n"));
    }
    const together = ["Bard", "Claude", "GPT-4"].flatMap((system) =>
      prompts.map((p) => JSON.stringify({ prompt_id: p.externalId, system, response: answer(system, Number(p.externalId)) })),
    );
    writeFileSync(path.join(folder, "baselines.jsonl"), together.join("\n"));

    const slug = `lima-${uniqueSuffix()}`;
    const result = run("scripts/import.ts", [
      "--study", slug, "--target", "LIMA", "--title", "LIMA vs baselines",
      "prisma/data/lima-test.jsonl",
      `LIMA=${path.join(folder, "lima.jsonl")}`,
      `Alpaca 65B=${path.join(folder, "Alpaca 65B.csv")}`,
      `DaVinci003=${path.join(folder, "DaVinci003.csv")}`,
      path.join(folder, "baselines.jsonl"),
    ]);
    expect(result.out).toContain(`Created the study "${slug}" with LIMA as its target.`);
    expect(result.out).toContain("Imported 300 new prompts; 1,800 new responses; 5 new systems (Alpaca 65B, DaVinci003, Bard, Claude, GPT-4); 1,500 new pairs.");
    expect(result.code).toBe(0);

    const study = await db().study.findUniqueOrThrow({ where: { slug }, include: { targetSystem: true } });
    expect(study.targetSystem?.name).toBe("LIMA");
    expect(await db().pair.count({ where: { studyId: study.id } })).toBe(1500);
    const sample = await db().response.findFirstOrThrow({ where: { prompt: { studyId: study.id, externalId: "17" }, system: { name: "DaVinci003" } } });
    expect(sample.text).toBe(answer("DaVinci003", 17));

    const again = run("scripts/import.ts", ["--study", slug, "prisma/data/lima-test.jsonl"]);
    expect(again.out).toContain("Nothing new");
  });

  it("exits 1 listing line-numbered errors, or naming the study it cannot find", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "import-cli-"));
    writeFileSync(path.join(folder, "bad.jsonl"), '{"id": "1", "text": "fine"}\n{"id": "2"\n');
    const slug = `bad-${uniqueSuffix()}`;
    const bad = run("scripts/import.ts", ["--study", slug, "--target", "LIMA", path.join(folder, "bad.jsonl")]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("Nothing was imported: 1 error found.");
    expect(bad.out).toContain("bad.jsonl line 2, (line): is not valid JSON");

    const missing = run("scripts/import.ts", ["--study", `none-${uniqueSuffix()}`, path.join(folder, "bad.jsonl")]);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain("Give --target SYSTEM to create it.");
  });
});
