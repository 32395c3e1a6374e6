// `npm run test:integration:system`: the integration suite once more, against the PostgreSQL server
// SYSTEM_DATABASE_URL points at (the machine's own, as a deployment would run it), not only the
// embedded one. Without SYSTEM_DATABASE_URL it says so and passes: a developer's machine may have
// no such server; CI starts one and sets it.
import { spawnSync } from "node:child_process";

const url = process.env.SYSTEM_DATABASE_URL;
if (!url) {
  console.log("test:integration:system skipped: SYSTEM_DATABASE_URL is not set (.ci/run sets it to the machine's PostgreSQL).");
  process.exit(0);
}
const server = new URL(url);
console.log(`Integration tests against the PostgreSQL server at ${server.host}`);
const run = spawnSync("npx", ["vitest", "run", "--project", "integration"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
process.exit(run.status ?? 1);
