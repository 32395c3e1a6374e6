// A fresh, migrated database for one test run: on the server DATABASE_URL points at when set
// (left as it was apart from the new database, dropped afterwards), else on an embedded Postgres
// in a temporary folder.
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

export async function createTestDatabase(): Promise<TestDatabase> {
  const given = env().DATABASE_URL;
  const folder = given ? undefined : mkdtempSync(path.join(tmpdir(), "pairwise-test-"));
  const server = given ? { url: given, stop: async () => {} } : await startEmbeddedPostgres(folder!, { persistent: false });

  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = withDatabase(server.url, name);
  await migrate(url);

  return {
    url,
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
