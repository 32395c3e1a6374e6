import type { TestProject } from "vitest/node";
import { createTestDatabase } from "@/lib/postgres/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // scripts/integration-through-pgbouncer.ts sets TEST_POOLER_URL to run the suite through PgBouncer.
  const database = await createTestDatabase({ pooler: process.env.TEST_POOLER_URL || undefined });
  project.provide("databaseUrl", database.url);
  return () => database.drop();
}
