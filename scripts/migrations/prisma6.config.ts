// Config for the Prisma 6 CLI (the `prisma6` alias), used only to compute migration SQL offline.
// Prisma 7's CLI needs a native schema engine it cannot download here; Prisma 6 ships a
// WebAssembly one that talks to Postgres through a driver adapter, and an in-memory PGlite is a
// Postgres that needs no server. The project's own prisma.config.ts stays Prisma 7's.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma6/config";

// Prisma 6 downloads a native query engine before any command unless this names an existing
// file. migrate never loads it, so any file will do.
const engineLibrary = process.env.PRISMA_QUERY_ENGINE_LIBRARY;
if (!engineLibrary || !existsSync(engineLibrary)) {
  process.env.PRISMA_QUERY_ENGINE_LIBRARY = fileURLToPath(import.meta.url);
}

type SqlDriverAdapter = Awaited<ReturnType<PrismaPGlite["connect"]>>;

async function exec(db: PGlite, sql: string) {
  try {
    return await db.exec(sql);
  } catch (error) {
    // Prisma reports an error from outside the adapter's own types only as "External error id#N".
    console.error(error instanceof Error ? error.message : error);
    throw error;
  }
}

async function connect(db: PGlite): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPGlite(db).connect();
  // The schema engine runs each migration file as one executeRaw without parameters. The adapter
  // sends that as a prepared statement, which Postgres limits to a single command; PGlite.exec
  // uses the simple protocol, which takes a whole script.
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    const results = await exec(db, query.sql);
    return results.reduce((rows, result) => rows + (result.affectedRows ?? 0), 0);
  };
  // The adapter does not await PGlite.exec here, so a failing script would pass unnoticed.
  adapter.executeScript = async (script) => {
    await exec(db, script);
  };
  // An open PGlite makes Node exit with code 99, which would read as a failed diff.
  adapter.dispose = () => db.close();
  return adapter;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // Our own factory rather than PrismaPGlite's: the fixes in connect() need the PGlite behind
  // every connection, the shadow database (where migrate diff replays the migrations) included.
  adapter: async () => ({
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: () => connect(new PGlite()),
    connectToShadowDb: () => connect(new PGlite()),
  }),
});
