// PgBouncer in transaction pooling mode in front of a Postgres server, run as a child process with
// its own configuration in a temporary folder: the app and its tests run through it the way a
// deployment behind a pooler does. Clients sign in as any role of the server, with that role's
// own password (see the configuration below).
import { execFileSync, spawn } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "@/lib/net/free-port";

export interface RunningPgBouncer {
  /** The server URL with PgBouncer's address in place of the server's. */
  url: string;
  /** Transactions and statements it has passed on to the server since it started. */
  stats(): Promise<{ transactions: number; queries: number }>;
  stop(): Promise<void>;
}

/**
 * Server connections per database and role: one app process's own pool (DATABASE_POOL_SIZE's
 * default), shared by every client, so that the test workers and the processes they start, each
 * with a pool of that size and clients of their own, queue for what one process would have.
 */
export const POOL_SIZE = 10;
/** Client connections at most: more than the suite ever opens at once. */
const MAX_CLIENTS = 500;
const READY_WITHIN_MS = 10_000;

/** A value as PgBouncer's auth_file quotes it. */
const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

function configuration(server: URL, port: number, folder: string, user: string): string {
  return `[databases]
; Every database name goes to the server: test databases are made after PgBouncer starts.
* = host=${server.hostname} port=${server.port || 5432}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
pool_mode = transaction
default_pool_size = ${POOL_SIZE}
max_client_conn = ${MAX_CLIENTS}
; SCRAM for the clients. The URL's role signs in with the password in auth_file, which PgBouncer
; also uses for its own server connections; any other role's SCRAM secret is read from the server
; (auth_query's default, pg_shadow, which needs auth_user to be a superuser), and its clients'
; SCRAM proof passed through, so the server must ask for SCRAM too (not cleartext "password").
auth_type = scram-sha-256
auth_file = ${path.join(folder, "userlist.txt")}
auth_user = ${user}
; SHOW STATS on the console, for stats().
admin_users = ${user}
log_connections = 0
log_disconnections = 0
`;
}

/** The uid and gid of the user PgBouncer runs as when started by root: it refuses to run as root. */
function unprivileged(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, name], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function untilReady(adminUrl: string, exited: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.query("SHOW VERSION");
      return;
    } catch (error) {
      if (exited() || Date.now() > deadline) throw new Error(`PgBouncer did not start: ${(error as Error).message}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/**
 * Starts `binary` in front of the server of `serverUrl`. Other roles than the URL's sign in through
 * it only if the URL's may read pg_shadow (a superuser). As root, PgBouncer runs as the `postgres`
 * user (Debian's PostgreSQL and the embedded server's set-up both make one).
 */
export async function startPgBouncer(binary: string, serverUrl: string): Promise<RunningPgBouncer> {
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username);
  const folder = mkdtempSync(path.join(tmpdir(), "pgbouncer-"));
  const port = await freePort();
  const ini = path.join(folder, "pgbouncer.ini");
  writeFileSync(ini, configuration(server, port, folder, user), { mode: 0o600 });
  writeFileSync(path.join(folder, "userlist.txt"), `${quoted(user)} ${quoted(decodeURIComponent(server.password))}\n`, { mode: 0o600 });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = unprivileged("postgres");
    for (const file of [folder, ini, path.join(folder, "userlist.txt")]) chownSync(file, uid, gid);
  }

  const lines: string[] = [];
  const child = spawn(binary, [...(asRoot ? ["--user=postgres"] : []), ini], { stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().trimEnd().split("\n"));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const url = new URL(serverUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  const admin = new URL(url);
  admin.pathname = "/pgbouncer";
  const stop = async () => {
    if (!hasExited()) child.kill("SIGTERM");
    await exited;
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    await untilReady(admin.toString(), hasExited, () => lines.join("\n"));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: url.toString(),
    async stats() {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<{ database: string; total_xact_count: string; total_query_count: string }>("SHOW STATS");
        const served = rows.filter((row) => row.database !== "pgbouncer");
        const sum = (column: "total_xact_count" | "total_query_count") => served.reduce((total, row) => total + Number(row[column]), 0);
        return { transactions: sum("total_xact_count"), queries: sum("total_query_count") };
      } finally {
        await client.end();
      }
    },
    stop,
  };
}
