// `npm run db:seed`: the demo study and the simulated one, on DATABASE_URL or the embedded database.
import { disconnectDb } from "@/lib/db";
import { connectAndMigrate } from "@/lib/postgres/connect";
import { seedDemoStudy } from "@/lib/seed/demo-study";
import { runCommand } from "./run-command";
import { printSeedResult } from "./seed-report";

await runCommand(async () => {
  const database = await connectAndMigrate();
  try {
    const result = await seedDemoStudy();
    if (!result.created && !result.simulated.created) console.log("The demo studies are already there; nothing to do.");
    printSeedResult(result);
  } finally {
    await disconnectDb();
    await database.stop();
  }
});
