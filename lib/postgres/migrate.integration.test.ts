import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { migrate, MIGRATIONS_DIR, readMigrations } from "@/lib/postgres/migrate";

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("migrate", () => {
  it("records every migration in Prisma's table with the SHA-256 of its file", async () => {
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("does nothing when run again, even from several processes at once", async () => {
    const results = await Promise.all([migrate(inject("databaseUrl")), migrate(inject("databaseUrl"))]);
    for (const result of results) expect(result.applied).toEqual([]);
    const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(n).toBe(readMigrations().length);
  });

  it("lets the database refuse what must never happen", async () => {
    await expect(query(`INSERT INTO "User" (id, email, role, "passwordHash") VALUES ('x', 'x@y.z', 'superuser', 'h')`)).rejects.toThrow(
      /invalid input value for enum/,
    );
    await expect(
      query(`INSERT INTO "Judgment" (id, "assignmentId", "studyId", "pairId", "raterId", choice, verdict, "targetSide", "timeOnTaskMs")
             VALUES ('j', 'no-such-assignment', 'no-such-study', 'no-such-pair', 'no-such-rater', 'left', 'win', 'left', 1)`),
    ).rejects.toThrow(/foreign key/);
  });
});
