// `npm run test:e2e`: Playwright against the production build, on a fresh database that the
// specs seed through the app's own library code.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { createTestDatabase } from "@/lib/postgres/test-database";

const database = await createTestDatabase();
const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
const child = spawn(process.execPath, [cli, "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    // One secret for every app process the specs start, so a session works on all of them.
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NODE_OPTIONS: "--conditions=react-server",
  },
});
const code = await new Promise<number>((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
await database.drop();
process.exit(code);
