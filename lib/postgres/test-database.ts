// A fresh, migrated database for one test run: on the server DATABASE_URL points at when set
// (left as it was apart from the new database, dropped afterwards), else on an embedded Postgres
// in a temporary folder. With a pooler in front of that server (PgBouncer), the database is
// created, migrated and dropped on the server directly (CREATE DATABASE is no pooler's business)
// and its URL, which the tests and the app use, points through the pooler.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { env } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/postgres/embedded";
import { migrate } from "@/lib/postgres/migrate";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** `pooler`: the URL of a pooler in front of that server, any database named (the new one takes its place). */
export async function createTestDatabase(options: { pooler?: string } = {}): Promise<TestDatabase> {
  const given = env().DATABASE_URL;
  const folder = given ? undefined : mkdtempSync(path.join(tmpdir(), "pairwise-test-"));
  const server = given ? { url: given, stop: async () => {} } : await startEmbeddedPostgres(folder!, { persistent: false });

  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  await migrate(withDatabase(server.url, name));

  return {
    url: withDatabase(options.pooler ?? server.url, name),
    async drop() {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      await server.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
