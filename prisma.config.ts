import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI downloads a native schema engine on every command unless this points at a file.
// The app never uses that engine: generate, validate and format work without it, and migrations
// are applied by our own runner (lib/db/migrate.ts), so any existing file will do.
const placeholderEngine = path.resolve("package.json");
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = placeholderEngine;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
