// `npm run test:integration:pgbouncer`: the integration suite once more, with every connection of
// the app and of the tests going through PgBouncer in transaction pooling mode, as a deployment
// behind a pooler runs: each transaction may get another server connection, so nothing may lean
// on session state. PgBouncer stands in front of the server SYSTEM_DATABASE_URL points at, or else
// an embedded Postgres of this run's own; the test database is created and migrated on the server
// directly. Without a pgbouncer binary (and not root, who gets Debian's), it says so and passes,
// as test:integration:system does without its server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/postgres/embedded";
import { POOL_SIZE, startPgBouncer } from "@/lib/postgres/pgbouncer";

/** On PATH, or where Debian installs it (/usr/sbin, often not on a user's PATH). */
function findPgBouncer(): string | undefined {
  const folders = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), "/usr/sbin", "/usr/local/sbin"];
  return folders.map((folder) => path.join(folder, "pgbouncer")).find((file) => existsSync(file));
}

/** Root on a Debian-like machine installs it, as .ci/run does; anyone else is told how. */
function installPgBouncer(): string | undefined {
  if (process.getuid?.() !== 0 || spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) return undefined;
  console.log("Installing Debian's pgbouncer package");
  const apt = (args: string[]) => spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  if (!apt(["update", "-qq"]) || !apt(["install", "-y", "-qq", "pgbouncer"])) throw new Error("apt-get could not install pgbouncer");
  return findPgBouncer();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // Not spawnSync: PgBouncer's output is read by this process while the suite runs.
  const child = spawn(command, args, { stdio: "inherit", env });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

const binary = findPgBouncer() ?? installPgBouncer();
if (!binary) {
  console.log("test:integration:pgbouncer skipped: no pgbouncer binary (apt-get install pgbouncer; .ci/run installs it as root).");
  process.exit(0);
}

const systemUrl = process.env.SYSTEM_DATABASE_URL || undefined;
const folder = systemUrl ? undefined : mkdtempSync(path.join(tmpdir(), "pairwise-pgbouncer-"));
const server = systemUrl ? { url: systemUrl, stop: async () => {} } : await startEmbeddedPostgres(folder!, { persistent: false });
let status = 1;
try {
  const bouncer = await startPgBouncer(binary, server.url);
  try {
    const behind = systemUrl ? `the PostgreSQL server at ${new URL(systemUrl).host}` : "an embedded PostgreSQL";
    console.log(`Integration tests through PgBouncer (transaction pooling, ${POOL_SIZE} server connections) at ${new URL(bouncer.url).host}, in front of ${behind}`);
    const started = performance.now();
    // Arguments after `--` go to vitest: a file or a test name, to run only those through PgBouncer.
    status = await run("npx", ["vitest", "run", "--project", "integration", ...process.argv.slice(2)], {
      ...process.env,
      DATABASE_URL: server.url,
      TEST_POOLER_URL: bouncer.url,
      // As a deployment behind this PgBouncer must: before 1.21 (Debian 12 has 1.18) it keeps no
      // prepared statement from one transaction to the next.
      DATABASE_PREPARED_STATEMENTS: "off",
    });
    const { transactions, queries } = await bouncer.stats();
    console.log(`PgBouncer passed on ${transactions} transactions and ${queries} statements in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    // A suite that went around PgBouncer would prove nothing about it.
    if (transactions === 0) {
      console.error("No transaction went through PgBouncer: the tests did not use TEST_POOLER_URL.");
      status = 1;
    }
  } finally {
    await bouncer.stop();
  }
} finally {
  await server.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
}
process.exit(status);
