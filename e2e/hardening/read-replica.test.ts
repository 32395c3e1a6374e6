// "Running beyond one machine": with DATABASE_READ_URL, the dashboards and exports read a replica
// while judging and everything else use the primary. A real replica cannot be made here (the
// embedded Postgres has no pg_basebackup), so the test stands one in: a copy of the database,
// read-only like a hot standby, that never catches up, which makes it plain which one a page read.
import { afterAll, beforeAll, expect, it } from "vitest";
import pg from "pg";
import { parse } from "csv-parse/sync";
import { db, disconnectDb } from "@/lib/db";
import type { AppProcess } from "@/e2e/fixtures/app-process";
import { signInOverHttp } from "@/lib/testing/http-raters";
import { seedJudgments } from "@/lib/testing/seed-judgments";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { startStack, type Stack } from "./stack";

let stack: Stack;
let app: AppProcess;
let study: SeededStudy;
let researcher: Awaited<ReturnType<typeof makeUser>>;
let rater: Awaited<ReturnType<typeof makeUser>>;

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

beforeAll(async () => {
  stack = await startStack({ apps: 0 });
  researcher = await makeUser("researcher");
  rater = await makeUser("rater");
  study = await seedStudy({ prompts: 10, createdById: researcher.id, judgmentsPerPair: 5 });
  await seedJudgments(study.id, { "Alpaca 65B": { wins: 4, ties: 1, losses: 1 }, "GPT-4": { wins: 2, ties: 2, losses: 2 } });
  // Copying a database needs it to have no connections.
  await disconnectDb();
  const admin = new pg.Client({ connectionString: withDatabase(stack.url, "postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE replica TEMPLATE hardening");
  await admin.query("ALTER DATABASE replica SET default_transaction_read_only = on");
  await admin.end();
  app = await stack.startApp({ DATABASE_READ_URL: withDatabase(stack.url, "replica") });
});

afterAll(async () => {
  await stack?.close();
});

it("dashboards and exports read the replica, judging writes the primary, and the dashboard needs no writes", async () => {
  const researcherCookie = await signInOverHttp(app.origin, researcher.email, researcher.password);
  const raterCookie = await signInOverHttp(app.origin, rater.email, rater.password);
  const exported = async () => {
    const response = await fetch(`${app.origin}/api/studies/${study.slug}/export/judgments`, { headers: { cookie: researcherCookie } });
    expect(response.status).toBe(200);
    return (parse(await response.text(), { columns: true }) as unknown[]).length;
  };
  const before = await exported();
  expect(before).toBe(12);

  // A judgment on the primary, through the rater's API.
  const next = (await (await fetch(`${app.origin}/api/rate/${study.slug}/next`, { headers: { cookie: raterCookie } })).json()) as { pair: { assignmentId: string } };
  const judged = await fetch(`${app.origin}/api/rate/${study.slug}/judgments`, {
    method: "POST",
    headers: { cookie: raterCookie, "content-type": "application/json" },
    body: JSON.stringify({ assignmentId: next.pair.assignmentId, choice: "left" }),
  });
  expect(judged.status).toBe(200);
  expect(await db().judgment.count({ where: { studyId: study.id } })).toBe(13);

  // The export and the dashboard still show the replica's 12: they read it, and only it.
  expect(await exported()).toBe(before);
  const page = await fetch(`${app.origin}/studies/${study.slug}`, { headers: { cookie: researcherCookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("Alpaca 65B");
  expect(app.output()).not.toMatch(/read-only transaction|⨯/);
});
