// The one Prisma client of a process. Created on first use, not at import, so that `next build`
// can load route modules without a database.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function connectionPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl(), connectionTimeoutMillis: 5_000 });
  // A connection the database closes while a request holds it (a restart, say) reports the error
  // to the query in flight; without a listener of its own it would also be thrown as an uncaught
  // exception. The pool drops such a connection when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

export function db(): PrismaClient {
  globalForDb.prisma ??= new PrismaClient({ adapter: new PrismaPg(connectionPool(), { disposeExternalPool: true }) });
  return globalForDb.prisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.prisma?.$disconnect();
  globalForDb.prisma = undefined;
}
