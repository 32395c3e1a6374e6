// The database of a CLI or server start: DATABASE_URL when set, else the embedded Postgres in
// DATA_DIR (started here, or joined if `npm run dev` is already running it).
import { env, setDatabaseUrl } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/postgres/embedded";
import { migrate } from "@/lib/postgres/migrate";

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function connectDatabase(): Promise<Database> {
  const { DATABASE_URL, DATA_DIR } = env();
  if (DATABASE_URL) return { url: DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres(DATA_DIR);
  setDatabaseUrl(server.url);
  return { url: server.url, embedded: true, stop: server.stop };
}

/** Connects and brings the schema up to date; the usual first step of every command. */
export async function connectAndMigrate(log: (line: string) => void = console.log): Promise<Database> {
  const database = await connectDatabase();
  try {
    const { applied } = await migrate(database.url);
    for (const name of applied) log(`Applied migration ${name}`);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}
