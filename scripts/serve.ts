// `npm run dev` and `npm start`: the database (embedded unless DATABASE_URL is set), its
// migrations, the demo studies on first start, then Next.js. Ctrl-C stops Next and then Postgres.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { developmentSecret } from "@/lib/dev-secret";
import { authSecret, env, EnvError } from "@/lib/env";
import { connectAndMigrate } from "@/lib/postgres/connect";
import { describeFailure } from "./run-command";
import { printSeedResult } from "./seed-report";

const mode = process.argv[2] === "start" ? "start" : "dev";

async function main() {
  const settings = env();
  // Development makes up a secret and keeps it; production must be given one.
  const secret = settings.NEXTAUTH_SECRET ?? (mode === "dev" ? developmentSecret(settings.DATA_DIR) : authSecret());
  if (mode === "start" && !existsSync(".next/BUILD_ID")) {
    throw new EnvError("No production build found: run `npm run build` first (or `npm run dev` for development).");
  }

  const database = await connectAndMigrate();
  if (database.embedded) {
    // Imported late: the seed needs the database URL chosen above.
    const { seedDemoStudy } = await import("@/lib/seed/demo-study");
    printSeedResult(await seedDemoStudy());
  }

  // The HTTP server runs without the react-server condition this script needs for lib/. It sits
  // beside this file: the sources need tsx, the copies `npm run build` compiles need nothing.
  const httpServer = path.join(import.meta.dirname, `http-server${path.extname(import.meta.filename)}`);
  const loader = httpServer.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...loader, httpServer, mode], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: mode === "start" ? "production" : "development",
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: settings.NEXTAUTH_URL ?? `http://localhost:${settings.PORT}`,
    },
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await database.stop();
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      child.kill("SIGTERM");
    });
  }
  child.on("exit", (code, signal) => void stop(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  console.error(describeFailure(error));
  process.exit(1);
});
