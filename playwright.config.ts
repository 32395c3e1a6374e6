import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./lib/testing/chromium";

// Runs through `npm run test:e2e`, which gives DATABASE_URL a fresh database and builds the app.
const port = Number(process.env.E2E_PORT ?? 3100);


export default defineConfig({
  testDir: "e2e",
  // Run by vitest (`npm run test:hardening`), with servers of its own.
  testIgnore: "hardening/**",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [["list"]],
  timeout: 60_000,
  // Two workers and a cold server share two cores: give pages time before calling them missing.
  expect: { timeout: 15_000 },
  use: { baseURL: `http://localhost:${port}`, trace: "retain-on-failure" },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions } }],
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/serve.ts start",
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      // The LLM judge spec's stand-in endpoint listens on loopback.
      JUDGE_ALLOWED_HOSTS: "127.0.0.1",
      // Set by scripts/e2e.ts for every process; a fresh one when Playwright runs on its own.
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
      // The test process resolves "server-only" for the react-server condition; the app must not.
      NODE_OPTIONS: "",
    },
  },
});
