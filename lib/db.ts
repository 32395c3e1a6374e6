// The Prisma clients of a process: one on the primary database for everything, and one on a read
// replica for the dashboards and exports when DATABASE_READ_URL names one. Created on first use,
// not at import, so that `next build` can load route modules without a database.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseUrl, env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pgDatabase, type Database } from "@/lib/sql";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool; replica?: PrismaClient; exports?: pg.Pool };

// Under load, requests queue for the pool's connections: pg's and Prisma's short defaults (5 s for
// a connection, 2 s to start a transaction, 5 s to finish it) would turn a busy moment into
// failed judgments. A request waits as long as a rater's browser would; past that it is a 503.
const WAIT_MS = 20_000;
const TRANSACTIONS = { maxWait: WAIT_MS, timeout: 30_000 };

function connectionPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: env().DATABASE_POOL_SIZE, connectionTimeoutMillis: WAIT_MS });
  // A connection the database closes while a request holds it (a restart, say) reports the error
  // to the query in flight; without a listener of its own it would also be thrown as an uncaught
  // exception. The pool drops such a connection when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

function client(pool: pg.Pool): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), transactionOptions: TRANSACTIONS });
}

export function db(): PrismaClient {
  if (!globalForDb.prisma) {
    globalForDb.pool = connectionPool(databaseUrl());
    globalForDb.prisma = client(globalForDb.pool);
  }
  return globalForDb.prisma;
}

/**
 * The primary's pool that db() sends through, for the statements of a rater's every request (the
 * session's user, the study, the judgment, the assignment engine's): sent straight through pg,
 * prepared, they skip Prisma's query engine, whose work per statement and per transaction was
 * most of a step's CPU in the app.
 */
export function primaryDatabase(): Database {
  db();
  return pgDatabase(globalForDb.pool!);
}

/** Where results and exports are read: the replica when there is one (a little behind the primary), else the primary. */
export function readDb(): PrismaClient {
  const url = env().DATABASE_READ_URL;
  if (!url) return db();
  globalForDb.replica ??= client(connectionPool(url));
  return globalForDb.replica;
}

export function readDatabaseUrl(): string {
  return env().DATABASE_READ_URL ?? databaseUrl();
}

/**
 * The connections downloads stream from (COPY holds one for as long as the download runs): at
 * most EXPORT_CONNECTIONS, so that slow or stalled downloads cannot take every connection
 * Postgres has; a download that finds none free within the wait is told to try again.
 */
export function exportConnections(): pg.Pool {
  if (!globalForDb.exports) {
    globalForDb.exports = new pg.Pool({ connectionString: readDatabaseUrl(), max: env().EXPORT_CONNECTIONS, connectionTimeoutMillis: WAIT_MS });
    // Once per pool: a listener added at every call would pile up on each new connection.
    globalForDb.exports.on("connect", (client) => client.on("error", () => {}));
  }
  return globalForDb.exports;
}

export async function disconnectDb(): Promise<void> {
  await Promise.all([globalForDb.prisma?.$disconnect(), globalForDb.replica?.$disconnect(), globalForDb.exports?.end()]);
  globalForDb.exports = undefined;
  globalForDb.prisma = undefined;
  globalForDb.pool = undefined;
  globalForDb.replica = undefined;
}
