// How the browser tests and benchmarks start Chromium: Debian's where it is installed (Playwright
// cannot download its own without internet), Playwright's own elsewhere. The flags keep a headless
// Chromium from reaching out to the network or needing a sandbox it cannot have as root.
import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export const chromiumLaunchOptions: LaunchOptions = existsSync(DEBIAN_CHROMIUM)
  ? {
      executablePath: DEBIAN_CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    }
  : {};
