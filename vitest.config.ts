import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Tests are server code too; outside Next's react-server build this guard would throw.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    // The LLM judge's stand-in endpoint listens on loopback, which the endpoint guard refuses unless listed.
    env: { JUDGE_ALLOWED_HOSTS: "127.0.0.1" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts"], exclude: ["lib/**/*.integration.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/**/*.integration.test.ts", "scripts/**/*.integration.test.ts"],
          globalSetup: ["./vitest.global-setup.ts"],
          setupFiles: ["./vitest.setup-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // `npm run test:hardening`: load, crashes, restarts, fuzzing and attacks against the
        // production build, one file at a time (each starts its own Postgres and app processes).
        extends: true,
        test: {
          name: "hardening",
          include: ["e2e/hardening/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 20 * 60_000,
          hookTimeout: 5 * 60_000,
        },
      },
    ],
  },
});
