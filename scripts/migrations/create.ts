// Usage: tsx scripts/migrations/create.ts NAME
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with what schema.prisma changed
// since the last migration, as `prisma migrate dev --create-only` would where it can run.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffMigrationsToSchema, LOCK_CONTENT, LOCK_FILE, MIGRATIONS, ROOT } from "./diff";

function main(arg: string | undefined): number {
  // Prisma's own naming: lower-case words joined by underscores.
  const name = (arg ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) {
    console.error("Usage: tsx scripts/migrations/create.ts NAME");
    return 1;
  }

  const sql = diffMigrationsToSchema();
  if (sql === null) {
    console.log("no changes");
    return 0;
  }

  // Migrations are applied in directory-name order, hence the UTC time first.
  const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS, `${timestamp}_${name}`);
  mkdirSync(MIGRATIONS, { recursive: true });
  if (!existsSync(LOCK_FILE)) writeFileSync(LOCK_FILE, LOCK_CONTENT);
  mkdirSync(dir); // not recursive: fails rather than overwrite an existing migration
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`created ${path.relative(ROOT, path.join(dir, "migration.sql"))}`);
  return 0;
}

try {
  process.exitCode = main(process.argv[2]);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
