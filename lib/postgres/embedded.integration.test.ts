import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/postgres/embedded";

const folder = mkdtempSync(path.join(tmpdir(), "embedded-pg-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function run(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("startEmbeddedPostgres", () => {
  it("keeps its data across a stop and a start, and lets a second process join a running server", async () => {
    const first = await startEmbeddedPostgres(folder);
    await run(first.url, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('judgment')");

    const joined = await startEmbeddedPostgres(folder);
    expect(joined.url).toBe(first.url);
    await joined.stop();
    expect(await run(first.url, "SELECT value FROM kept")).toEqual([{ value: "judgment" }]);
    await first.stop();

    await expect(run(first.url, "SELECT 1")).rejects.toThrow();

    const again = await startEmbeddedPostgres(folder);
    expect(await run(again.url, "SELECT value FROM kept")).toEqual([{ value: "judgment" }]);
    await again.stop();
  });
});
