import "server-only";
import { db } from "@/lib/db";

export type Health = { status: "ok"; database: "ok" } | { status: "error"; database: "unreachable"; reason: string };

export async function checkHealth(): Promise<Health> {
  try {
    await db().$queryRaw`SELECT 1`;
    return { status: "ok", database: "ok" };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) ?? error.name : String(error);
    return { status: "error", database: "unreachable", reason };
  }
}
