// What a new user does first: start the app with no database configured, sign in with the demo
// accounts it prints, stop it with Ctrl-C, start it again and find every judgment still there.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, signIn, test } from "../fixtures/test";

const port = 3200 + Math.floor(Math.random() * 500);
const origin = `http://localhost:${port}`;

function startApp(dataDir: string): { app: ChildProcess; output: () => string } {
  let output = "";
  const app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/serve.ts", "start"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      PORT: String(port),
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NODE_OPTIONS: "",
    },
  });
  app.stdout?.on("data", (chunk) => (output += chunk));
  app.stderr?.on("data", (chunk) => (output += chunk));
  return { app, output: () => output };
}

async function healthy(): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/api/health`);
    return response.ok && (await response.json()).database === "ok";
  } catch {
    return false;
  }
}

async function stopWithCtrlC(app: ChildProcess) {
  const exited = new Promise((resolve) => app.once("exit", resolve));
  app.kill("SIGINT");
  await exited;
}

test("first start seeds the demo on an embedded Postgres, and a restart keeps every judgment", async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "first-start-"));
  try {
    const first = startApp(dataDir);
    await expect.poll(healthy, { timeout: 60_000 }).toBe(true);
    const rater = first.output().match(/rater\s+(rater@demo\.local)\s+password: (\S+)/);
    const researcher = first.output().match(/researcher\s+(researcher@demo\.local)\s+password: (\S+)/);
    expect(rater, first.output()).not.toBeNull();
    expect(researcher).not.toBeNull();

    await signIn(page, { email: rater![1], password: rater![2] }, origin);
    await page.goto(`${origin}/rate/lima-demo`);
    await expect(page.getByText("0 judged · 300 to go")).toBeVisible();
    await page.getByRole("button", { name: "Neither is significantly better" }).click();
    await expect(page.getByText("1 judged · 299 to go")).toBeVisible();

    await stopWithCtrlC(first.app);
    expect(await healthy()).toBe(false);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);

    const second = startApp(dataDir);
    await expect.poll(healthy, { timeout: 60_000 }).toBe(true);
    expect(second.output()).not.toContain("password:");
    await page.context().clearCookies();
    await signIn(page, { email: researcher![1], password: researcher![2] }, origin);
    await page.goto(`${origin}/studies/lima-demo`);
    await expect(page.locator("tr[data-baseline]")).toHaveCount(5);
    const totals = page.locator("tr[data-baseline] td:nth-child(2)");
    const judged = (await totals.allInnerTexts()).map(Number).reduce((a, b) => a + b, 0);
    expect(judged).toBe(1);

    // With its database gone, the app says so on /api/health instead of pretending to be well.
    const postmasterPid = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(postmasterPid, "SIGINT");
    await expect.poll(async () => (await fetch(`${origin}/api/health`)).status, { timeout: 20_000 }).toBe(503);
    const health = await (await fetch(`${origin}/api/health`)).json();
    expect(health).toMatchObject({ status: "error", database: "unreachable" });
    expect(health.reason).toBeTruthy();
    await stopWithCtrlC(second.app);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
