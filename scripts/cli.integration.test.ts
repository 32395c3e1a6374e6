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

// Each run starts a process that loads TypeScript; a test runs several, slow on a busy machine.
const CLI = { timeout: 180_000 };

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), ...env },
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe("npm run user:create", CLI, () => {
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

describe("npm start", CLI, () => {
  it("refuses to start in production without NEXTAUTH_SECRET, saying what to do", () => {
    const result = run("scripts/serve.ts", ["start"], { NEXTAUTH_SECRET: "", NODE_ENV: "production" });
    expect(result.code).toBe(1);
    expect(result.out).toContain("NEXTAUTH_SECRET is not set");
  });
});

describe("npm run import", CLI, () => {
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

  it("previews a new study's import creating nothing, and opens a study to every rater, in its history", async () => {
    const slug = `preview-${uniqueSuffix()}`;
    const preview = run("scripts/import.ts", ["--study", slug, "--target", "LIMA", "--preview", "--open-to-all-raters", "prisma/data/samples/prompts.jsonl", "prisma/data/samples/responses.jsonl"]);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain(`Would create the study "${slug}" with LIMA as its target.`);
    expect(preview.out).toContain("Would import 3 new prompts; 6 new responses; 1 new system (GPT-4); 3 new pairs.");
    expect(await db().study.count({ where: { slug } })).toBe(0);

    const made = run("scripts/import.ts", ["--study", slug, "--target", "LIMA", "prisma/data/samples/prompts.jsonl"]);
    expect(made.code).toBe(0);
    expect((await db().study.findUniqueOrThrow({ where: { slug } })).openToAllRaters).toBe(false);
    expect(run("scripts/import.ts", ["--study", slug, "--preview", "--open-to-all-raters", "prisma/data/samples/prompts.jsonl"]).out).toContain(`Would open the study "${slug}" to every rater.`);
    expect((await db().study.findUniqueOrThrow({ where: { slug } })).openToAllRaters).toBe(false);
    const opened = run("scripts/import.ts", ["--study", slug, "--open-to-all-raters", "prisma/data/samples/prompts.jsonl"]);
    expect(opened.out).toContain(`Opened the study "${slug}" to every rater.`);
    const study = await db().study.findUniqueOrThrow({ where: { slug }, include: { events: true } });
    expect(study.openToAllRaters).toBe(true);
    expect(study.events.map((event) => [event.what, event.after])).toContainEqual(["openToAllRaters", "every rater"]);
  });

  it('offers "Both are bad" in a study it makes, and in an existing one through its history', async () => {
    const made = `both-bad-${uniqueSuffix()}`;
    expect(run("scripts/import.ts", ["--study", made, "--target", "LIMA", "--offer-both-bad", "prisma/data/samples/prompts.jsonl"]).code).toBe(0);
    expect((await db().study.findUniqueOrThrow({ where: { slug: made } })).offerBothBad).toBe(true);

    const slug = `both-bad-${uniqueSuffix()}`;
    expect(run("scripts/import.ts", ["--study", slug, "--target", "LIMA", "prisma/data/samples/prompts.jsonl"]).code).toBe(0);
    expect(run("scripts/import.ts", ["--study", slug, "--preview", "--offer-both-bad", "prisma/data/samples/prompts.jsonl"]).out).toContain(
      `Would offer the raters of the study "${slug}" a fourth option, "Both are bad".`,
    );
    expect((await db().study.findUniqueOrThrow({ where: { slug } })).offerBothBad).toBe(false);
    const offered = run("scripts/import.ts", ["--study", slug, "--offer-both-bad", "prisma/data/samples/prompts.jsonl"]);
    expect(offered.code).toBe(0);
    expect(offered.out).toContain(`The raters of the study "${slug}" are offered a fourth option, "Both are bad".`);
    const study = await db().study.findUniqueOrThrow({ where: { slug }, include: { events: true } });
    expect(study.offerBothBad).toBe(true);
    expect(study.events.map((event) => [event.what, event.before, event.after])).toContainEqual(["offerBothBad", "not offered", "offered"]);
  });
});

describe("npm run analyze", CLI, () => {
  it("prints its usage on --help, and refuses a missing bundle or a stray argument", () => {
    const help = run("scripts/analyze.ts", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("Usage: npm run analyze -- BUNDLE");
    const none = run("scripts/analyze.ts", []);
    expect([none.code, none.out]).toEqual([2, expect.stringContaining("No bundle given.")]);
    expect(run("scripts/analyze.ts", ["/nowhere/bundle.jsonl"]).out).toContain("No such file: /nowhere/bundle.jsonl");
    expect(run("scripts/analyze.ts", ["a.jsonl", "b.jsonl"]).out).toContain("Give one bundle only.");
  });
});
