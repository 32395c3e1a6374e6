// A production install needs no development packages: on a fresh copy of the working tree,
// `npm install --omit=dev`, `npm run build` and `npm start` serve the app on its embedded
// Postgres (migrated and seeded), and Ctrl-C stops the app and that Postgres.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "@/lib/net/free-port";
import { isAlive } from "@/lib/postgres/embedded";

const STARTUP_MS = 120_000;
const SHUTDOWN_MS = 30_000;

const folder = mkdtempSync(path.join(tmpdir(), "production-install-"));
// As root, Postgres runs as the "postgres" user, which must reach its binaries and data in here
// (mkdtemp makes folders only their owner may enter).
chmodSync(folder, 0o711);
let appGroup: number | undefined;

afterAll(() => {
  if (appGroup !== undefined && isAlive(-appGroup)) process.kill(-appGroup, "SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

// The copy is configured by what the test gives it, not by this process's settings or by the npm
// that may be running the tests.
const INHERITED_SETTINGS = ["NODE_ENV", "NODE_OPTIONS", "DATABASE_URL", "DATABASE_READ_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "PORT", "DATA_DIR"];
const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
for (const name of Object.keys(baseEnv)) {
  if (name.startsWith("npm_") || INHERITED_SETTINGS.includes(name)) delete baseEnv[name];
}

/** The files git would commit now: tracked ones as they are in the working tree, and new ones not ignored. */
function copyWorkingTree(to: string): void {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter((name) => name && existsSync(name))) {
    mkdirSync(path.join(to, path.dirname(file)), { recursive: true });
    cpSync(file, path.join(to, file));
  }
}

/** Runs an npm command in the copy; a failure shows what it printed. */
async function npm(args: string[]): Promise<void> {
  const child = spawn("npm", args, { cwd: folder, env: baseEnv });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  if (code !== 0) throw new Error(`npm ${args.join(" ")} exited with code ${code}:\n${output.slice(-20_000)}`);
}

interface InstalledPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Every package some installed package asks for, as a dependency, optional or peer (npm's record of what it installed). */
function wantedByInstalledPackages(): Set<string> {
  const { packages } = JSON.parse(readFileSync(path.join(folder, "node_modules/.package-lock.json"), "utf8")) as { packages: Record<string, InstalledPackage> };
  return new Set(
    Object.values(packages).flatMap((entry) =>
      [entry.dependencies, entry.optionalDependencies, entry.peerDependencies].flatMap((names) => Object.keys(names ?? {})),
    ),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("installs without development packages, builds, serves on the embedded Postgres and stops on Ctrl-C", { timeout: 15 * 60_000 }, async () => {
  copyWorkingTree(folder);

  let started = Date.now();
  await npm(["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"]);
  const installSeconds = (Date.now() - started) / 1000;
  const { devDependencies } = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  const presentDevPackages = Object.keys(devDependencies).filter((name) => existsSync(path.join(folder, "node_modules", name)));
  expect(presentDevPackages).not.toContain("tsx");
  // npm installs a development package too when a production one depends on it (next's optional
  // peer @playwright/test, the Prisma CLI's PGlite): none may be there for the project's own sake.
  const wanted = wantedByInstalledPackages();
  expect(presentDevPackages.filter((name) => !wanted.has(name))).toEqual([]);

  started = Date.now();
  await npm(["run", "build"]);
  const buildSeconds = (Date.now() - started) / 1000;

  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const dataDir = path.join(folder, ".data");
  const app = spawn("npm", ["start"], {
    cwd: folder,
    env: { ...baseEnv, PORT: String(port), DATA_DIR: dataDir, NEXTAUTH_SECRET: randomBytes(32).toString("base64url") },
    // Its own process group, so that SIGINT reaches every process in it, as Ctrl-C in a terminal does.
    detached: true,
  });
  const group = app.pid!;
  appGroup = group;
  let output = "";
  app.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  app.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  app.once("exit", () => (exited = true));

  started = Date.now();
  for (;;) {
    if (exited) throw new Error(`npm start exited before answering:\n${output}`);
    if ((await fetch(`${origin}/api/health`).then((response) => response.status, () => 0)) === 200) break;
    if (Date.now() - started > STARTUP_MS) throw new Error(`npm start did not answer on ${origin} within ${STARTUP_MS / 1000} s:\n${output}`);
    await sleep(250);
  }
  const startSeconds = (Date.now() - started) / 1000;
  expect(output).toContain("Applied migration");
  expect(output).toContain('Seeded the demo study "LIMA vs baselines (demo)"');
  expect((await fetch(`${origin}/sign-in`)).status).toBe(200);

  // Postgres keeps its pid on the 1st line of postmaster.pid, and deletes the file when it stops.
  const postmasterPid = path.join(dataDir, "postgres", "postmaster.pid");
  const postgres = Number(readFileSync(postmasterPid, "utf8").split("\n")[0]);
  expect(isAlive(postgres)).toBe(true);

  process.kill(-group, "SIGINT");
  // npm may be gone before the server it ran has stopped Next and Postgres: wait for them all.
  const stopping = Date.now();
  while (isAlive(-group) && Date.now() - stopping < SHUTDOWN_MS) await sleep(250);
  expect(isAlive(-group), `still running ${SHUTDOWN_MS / 1000} s after SIGINT:\n${output}`).toBe(false);
  expect(isAlive(postgres)).toBe(false);
  expect(existsSync(postmasterPid)).toBe(false);
  expect(output).not.toContain("uncaughtException");
  console.log(`production install: npm install ${installSeconds.toFixed(0)} s, npm run build ${buildSeconds.toFixed(0)} s, npm start ${startSeconds.toFixed(0)} s to answer`);
});
