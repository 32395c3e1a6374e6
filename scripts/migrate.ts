// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL or the embedded database.
import { connectAndMigrate } from "@/lib/postgres/connect";
import { runCommand } from "./run-command";

await runCommand(async () => {
  const database = await connectAndMigrate();
  console.log("The database schema is up to date.");
  await database.stop();
});
