// What raw statements run on: a pg pool or client (a rater's every request, on the pool the app's
// Prisma client shares, and the rater-loop benchmark on its own), or the app's Prisma client or
// one of its transactions (the researchers' writes that join an engine statement). Each
// statement is written once, as a constant text with positional parameters ($1, $2, …), and run
// through either.
import { createHash } from "node:crypto";
import type pg from "pg";
import { env } from "@/lib/env";

export interface Sql {
  /** The rows the statement returns. */
  query<Row>(text: string, params: readonly unknown[]): Promise<Row[]>;
  /** How many rows the statement wrote. */
  execute(text: string, params: readonly unknown[]): Promise<number>;
}

/** Statements outside a transaction, and transactions of statements. */
export interface Database extends Sql {
  /** `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

/** What a Prisma client and a Prisma transaction both offer. */
interface PrismaRaw {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/** A Prisma client, or the `tx` of one of its transactions. */
export function viaPrisma(client: PrismaRaw): Sql {
  return {
    query: async <Row>(text: string, params: readonly unknown[]) => client.$queryRawUnsafe<Row[]>(text, ...params),
    execute: async (text, params) => client.$executeRawUnsafe(text, ...params),
  };
}

const names = new Map<string, string>();

/**
 * The statement as pg sends it: named after its text, so that each connection parses and plans it
 * once and runs the plan it keeps after that (unless DATABASE_PREPARED_STATEMENTS is off). Every
 * text sent here is one of a few constants, so a connection keeps a few dozen plans at most.
 */
function statement(text: string, params: readonly unknown[]): pg.QueryConfig {
  if (env().DATABASE_PREPARED_STATEMENTS === "off") return { text, values: [...params] };
  let name = names.get(text);
  if (!name) {
    name = `s_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return { name, text, values: [...params] };
}

/** A pg pool, or a client taken from one. */
export function viaPg(client: pg.Pool | pg.PoolClient | pg.Client): Sql {
  return {
    query: async <Row>(text: string, params: readonly unknown[]) => (await client.query(statement(text, params))).rows as Row[],
    execute: async (text, params) => (await client.query(statement(text, params))).rowCount ?? 0,
  };
}

/** Transactions on a connection of the pool's: BEGIN, the work, COMMIT (ROLLBACK when it throws). */
export function pgDatabase(pool: pg.Pool): Database {
  return {
    ...viaPg(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(viaPg(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
