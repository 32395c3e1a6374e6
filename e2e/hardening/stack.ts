// What the hardening suite runs against: a PostgreSQL server of its own (so that a test may stop
// and restart it), one fresh database on it, and production app processes (`npm start` on the
// build) sharing one session secret, as several processes behind a load balancer would.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startAppProcess, type AppProcess } from "@/e2e/fixtures/app-process";
import { disconnectDb } from "@/lib/db";
import { setDatabaseUrl } from "@/lib/env";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/postgres/embedded";
import { migrate } from "@/lib/postgres/migrate";

export interface Stack {
  /** The app's database; the test process's own `db()` points at it too. */
  url: string;
  apps: AppProcess[];
  /** Another app process on the same database and secret (a replacement after a crash, say), with settings of its own if given. */
  startApp(env?: Record<string, string>): Promise<AppProcess>;
  /** A fast shutdown, as a restart or failover would do: connections are cut. */
  stopDatabase(): Promise<void>;
  /** Starts it again on the same port and data. */
  startDatabase(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(options: { apps: number; env?: Record<string, string> }): Promise<Stack> {
  const folder = mkdtempSync(path.join(tmpdir(), "hardening-"));
  let server: RunningPostgres | undefined = await startEmbeddedPostgres(folder);
  const port = Number(new URL(server.url).port);

  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("CREATE DATABASE hardening");
  await admin.end();
  const url = new URL(server.url);
  url.pathname = "/hardening";
  await migrate(url.toString());
  setDatabaseUrl(url.toString());

  // The judges' stand-in endpoints listen on loopback, which the endpoint guard refuses unless listed.
  const env = { DATABASE_URL: url.toString(), NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), JUDGE_ALLOWED_HOSTS: "127.0.0.1", ...options.env };
  const started: AppProcess[] = [];
  const startApp = async (extra: Record<string, string> = {}) => {
    const app = await startAppProcess({ ...env, ...extra });
    started.push(app);
    return app;
  };
  const apps: AppProcess[] = [];
  try {
    // One at a time: two cold starts at once on two cores only slow each other down.
    for (let i = 0; i < options.apps; i++) apps.push(await startApp());
  } catch (error) {
    // The test never gets the stack to close: leave no server or folder behind.
    await Promise.all(started.map((app) => app.stop()));
    await disconnectDb();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }

  return {
    url: url.toString(),
    apps,
    startApp,
    async stopDatabase() {
      await server?.stop();
      server = undefined;
    },
    async startDatabase() {
      server = await startEmbeddedPostgres(folder, { port });
    },
    async close() {
      await Promise.all(started.map((app) => app.stop()));
      await disconnectDb();
      await server?.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
