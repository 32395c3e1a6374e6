// The production app as the benchmarks use it: `scripts/serve.ts start` (as `npm start` runs it)
// on a free loopback port against the bench database, raters made for it, and signing in over
// HTTP. Shared by rater-loop.ts and browser.ts.
//
// The server runs from a snapshot of the production build (.next without its caches, about 25 MB,
// copied into the bench's temporary folder beside links to the rest of the tree), so that a
// `next build` started meanwhile in the tree (by the e2e tests, say) cannot pull the build from
// under a running benchmark.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { databaseUrl } from "@/lib/env";
import { freePort } from "@/lib/net/free-port";
import type { BenchRow } from "./report";

const BUILD_ID = ".next/BUILD_ID";
/** Not copied: caches and the development server's output. */
const NOT_COPIED = new Set(["cache", "dev", "trace", "trace-build", "diagnostics", "types"]);
/** Not linked into the snapshot: the build itself, the embedded database's data, git. */
const NOT_LINKED = new Set([".next", ".data", ".git"]);
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** The production build in the tree, if there is one; the benchmarks do not build one themselves. */
export function productionBuild(): { id: string; builtAt: Date } | undefined {
  return existsSync(BUILD_ID) ? { id: readFileSync(BUILD_ID, "utf8").trim(), builtAt: statSync(BUILD_ID).mtime } : undefined;
}

/** The row a benchmark reports instead of its figures when there is no production build. */
export function noBuildRow(benchmark: string): BenchRow {
  return {
    benchmark,
    measured: `not run: no production build (${BUILD_ID}); run \`npx next build\` first`,
    baseline: "",
    ratio: "",
    target: "",
    pass: false,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A consistent copy of the production build in `dir`/app (made once per run), beside links to
 * every other top-level entry of the tree; undefined when there is no build. A build started
 * meanwhile shows as BUILD_ID missing or changed during the copy: then it waits and copies again,
 * for up to two minutes.
 */
export async function buildSnapshot(dir: string, log: (line: string) => void): Promise<string | undefined> {
  const target = path.join(dir, "app");
  if (existsSync(path.join(target, BUILD_ID))) return target;
  if (!productionBuild()) return undefined;
  const root = process.cwd();
  for (let attempt = 1; ; attempt++) {
    const before = productionBuild();
    if (before) {
      try {
        mkdirSync(path.join(target, ".next"), { recursive: true });
        for (const entry of readdirSync(path.join(root, ".next"))) {
          if (NOT_COPIED.has(entry)) continue;
          cpSync(path.join(root, ".next", entry), path.join(target, ".next", entry), { recursive: true, verbatimSymlinks: true, force: true });
        }
        const after = productionBuild();
        if (after?.id === before.id && after.builtAt.getTime() === before.builtAt.getTime()) break;
      } catch {
        // A build removed files while they were copied: try again.
      }
    }
    if (attempt === 24) throw new Error("No stable production build in .next (a build kept running): run `npx next build` first");
    log(`waiting for the production build in .next (a build is running?), attempt ${attempt}`);
    await sleep(5_000);
  }
  for (const entry of readdirSync(root)) {
    if (!NOT_LINKED.has(entry) && !existsSync(path.join(target, entry))) symlinkSync(path.join(root, entry), path.join(target, entry));
  }
  return target;
}

export interface App {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The server's process (scripts/serve.ts; Next.js runs as its child). */
  pid?: number;
  stop(): Promise<void>;
}

/**
 * Starts the production server from a snapshot made by buildSnapshot (`cwd`) on the bench
 * database and waits for /api/health. Its own process group, so that the Next.js child goes too if
 * the server has to be killed.
 */
export async function startApp(cwd: string, log: (line: string) => void): Promise<App> {
  const build = { id: readFileSync(path.join(cwd, BUILD_ID), "utf8").trim(), builtAt: statSync(path.join(cwd, BUILD_ID)).mtime };
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let output = "";
  const started = performance.now();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/serve.ts", "start"], {
    cwd,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      PORT: String(port),
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      // The bench process resolves "server-only" for the react-server condition; the app must not.
      NODE_OPTIONS: "",
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (!running) return;
    child.kill("SIGINT");
    const timer = setTimeout(() => {
      if (running && child.pid) process.kill(-child.pid, "SIGKILL");
    }, STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  for (;;) {
    const status = await fetch(`${origin}/api/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (!running || performance.now() - started > START_TIMEOUT_MS) {
      await stop();
      throw new Error(`The app did not start on ${origin} (health ${status}):\n${output}`);
    }
    await sleep(200);
  }
  log(`app started on ${origin} in ${((performance.now() - started) / 1000).toFixed(1)} s (build ${build.id} of ${build.builtAt.toISOString()})`);
  return { origin, pid: child.pid, stop };
}

/**
 * bench/bare-server.ts in its own process on a free loopback port: node:http answering each POST
 * with one pg query, the floor any app on this machine starts from.
 */
export async function startBareServer(studyId: string): Promise<App> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts", String(port), studyId], {
    env: { ...process.env, DATABASE_URL: databaseUrl(), NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    void exited.then(() => reject(new Error("bench/bare-server.ts exited before listening")));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGINT");
      await exited;
    },
  };
}
