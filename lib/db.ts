// The one Prisma client of a process. Created on first use, not at import, so that `next build`
// can load route modules without a database.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseUrl, env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function connectionPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: env().DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000 });
  // A connection the database closes while a request holds it (a restart, say) reports the error
  // to the query in flight; without a listener of its own it would also be thrown as an uncaught
  // exception. The pool drops such a connection when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

// Under load, requests queue for the pool's connections: Prisma's defaults (2 s to start a
// transaction, 5 s to finish it) would turn a busy moment into failed judgments. A request waits
// as long as a rater's browser would.
const TRANSACTIONS = { maxWait: 20_000, timeout: 30_000 };

export function db(): PrismaClient {
  globalForDb.prisma ??= new PrismaClient({ adapter: new PrismaPg(connectionPool(), { disposeExternalPool: true }), transactionOptions: TRANSACTIONS });
  return globalForDb.prisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.prisma?.$disconnect();
  globalForDb.prisma = undefined;
}
