// The one Prisma client of a process. Created on first use, not at import, so that `next build`
// can load route modules without a database.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.prisma ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl(), connectionTimeoutMillis: 5_000 }) });
  return globalForDb.prisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.prisma?.$disconnect();
  globalForDb.prisma = undefined;
}
