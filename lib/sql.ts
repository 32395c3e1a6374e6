// What the engine's raw statements run on: the app's Prisma client or one of its transactions,
// or a pg pool or client (the rater-loop benchmark sends the engine's own statements straight
// through pg). Each statement is written once, as a constant text with positional parameters
// ($1, $2, …), and run through either.
import type pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";

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

/** Transactions as the app makes them: Prisma's interactive transactions, with the client's options. */
export function prismaDatabase(client: PrismaClient): Database {
  return { ...viaPrisma(client), transaction: (work) => client.$transaction((tx) => work(viaPrisma(tx))) };
}

/** A pg pool, or a client taken from one. */
export function viaPg(client: pg.Pool | pg.PoolClient | pg.Client): Sql {
  return {
    query: async <Row>(text: string, params: readonly unknown[]) => (await client.query(text, [...params])).rows as Row[],
    execute: async (text, params) => (await client.query(text, [...params])).rowCount ?? 0,
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
