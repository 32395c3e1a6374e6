// Trust II, over the real server: the LLM judge cannot be pointed at the app's own network, an
// anonymous client cannot make the server hash or guess without limit, sessions end when they
// should, pages run only their own scripts, other sites cannot post, and no client can hold the
// server's memory or Postgres's connections.
import { createServer, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedJudgments } from "@/lib/testing/seed-judgments";
import { startOpenAiCompatibleServer, type FakeServer } from "@/lib/testing/openai-compatible-server";
import { makeRaters, signInOverHttp } from "@/lib/testing/http-raters";
import { makeUser, seedStudy, uniqueSuffix } from "@/lib/testing/seed-study";
import { DEFAULT_JUDGE_PROMPT } from "@/lib/judge/judge-prompt";
import { databaseFingerprint } from "./invariants";
import { invokeAction, serverActions } from "./server-actions";
import { startStack, type Stack } from "./stack";

let stack: Stack;
let origin: string;
let actions: Map<string, string>;
let judgeServer: FakeServer;
/** An internal page the judge must never reach, and a redirect to it. */
let internal: Server;
let internalHits = 0;
let researcher: { id: string; email: string; password: string };
let researcherCookie: string;

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));

beforeAll(async () => {
  judgeServer = await startOpenAiCompatibleServer(() => ({ content: "Answer A is significantly better" }));
  internal = createServer((request, response) => {
    internalHits += 1;
    if (request.url?.startsWith("/v1/chat/completions")) response.writeHead(302, { location: `${judgeServer.baseUrl}/chat/completions` }).end();
    else response.writeHead(500, { "content-type": "text/html" }).end("<h1>Internal admin page</h1> secret-internal-token");
  });
  const internalPort = await listen(internal);
  stack = await startStack({
    apps: 1,
    env: {
      // The judge stand-in is allowed; the "internal" server on loopback is listed only for the redirect case.
      JUDGE_ALLOWED_HOSTS: `127.0.0.1:${new URL(judgeServer.baseUrl).port},127.0.0.1:${internalPort}`,
      TRUSTED_PROXIES: "127.0.0.1,::1",
      IMPORT_MAX_FILE_BYTES: String(1024 * 1024),
      EXPORT_CONNECTIONS: "2",
      EXPORT_IDLE_SECONDS: "3",
    },
  });
  origin = stack.apps[0].origin;
  actions = serverActions();
  researcher = await makeUser("researcher");
  researcherCookie = await signInOverHttp(origin, researcher.email, researcher.password);
});

afterAll(async () => {
  await stack?.close();
  await judgeServer?.close();
  internal?.close();
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};
const unchanged = async (work: () => Promise<unknown>) => {
  const before = await databaseFingerprint();
  await work();
  const after = await databaseFingerprint();
  return Object.keys(after).filter((table) => after[table] !== before[table]);
};

describe("the LLM judge cannot be turned against the app's network", () => {
  const addJudge = (slug: string, baseUrl: string) =>
    invokeAction(origin, `/studies/${slug}/settings`, actions.get("addJudgeAction")!, researcherCookie, [
      {},
      form({ slug, name: `judge ${uniqueSuffix()}`, baseUrl, model: "m", apiKey: "k", prompt: DEFAULT_JUDGE_PROMPT, concurrency: "1" }),
    ]);

  it("refuses an internal endpoint when it is saved, in every spelling, and saves a listed one", async () => {
    const study = await seedStudy({ prompts: 1, createdById: researcher.id });
    const port = new URL(judgeServer.baseUrl).port;
    const refused = [
      `http://localhost:${port}/v1`,
      "http://169.254.169.254/latest",
      "http://10.0.0.7/v1",
      "http://[::1]:8000/v1",
      "http://[::ffff:127.0.0.1]:8000/v1",
      "http://2130706433:8000/v1",
      "http://0177.0.0.1:8000/v1",
      "http://192.168.0.10/v1",
      "http://[fd00::1]/v1",
    ];
    for (const url of refused) {
      let answer = { status: 0, text: "" };
      expect(await unchanged(async () => (answer = await addJudge(study.slug, url))), url).toEqual([]);
      expect(answer.text, url).toMatch(/internal address|resolves to|JUDGE_ALLOWED_HOSTS/);
    }
    const query = await addJudge(study.slug, `${judgeServer.baseUrl}?next=http://10.0.0.1`);
    expect(query.text).toContain("must be the base URL alone");
    await addJudge(study.slug, judgeServer.baseUrl);
    expect(await db().judge.count({ where: { studyId: study.id } })).toBe(1);
  });

  it("checks again at every call: an endpoint changed to an internal address, or redirecting to one, is refused, and no reply's body is shown", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["GPT-4"], createdById: researcher.id });
    const judge = await db().judge.create({ data: { studyId: study.id, name: "judge", baseUrl: judgeServer.baseUrl, model: "m", apiKey: "k", prompt: DEFAULT_JUDGE_PROMPT } });
    const run = async () => {
      await invokeAction(origin, `/studies/${study.slug}/settings`, actions.get("startJudgeRunAction")!, researcherCookie, [form({ slug: study.slug, judgeId: judge.id })]);
      for (let i = 0; i < 100; i++) {
        const latest = await db().judgeRun.findFirst({ where: { judgeId: judge.id }, orderBy: { startedAt: "desc" } });
        if (latest && latest.status !== "running") return latest;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error("The run did not end");
    };
    // As if DNS now answered with an address inside (saved before the guard, say).
    await db().judge.update({ where: { id: judge.id }, data: { baseUrl: "http://127.0.0.2:9/v1" } });
    expect(await run()).toMatchObject({ status: "failed", error: expect.stringContaining("internal address") });

    // A listed host that redirects: the redirect is not followed.
    const port = (internal.address() as { port: number }).port;
    await db().judge.update({ where: { id: judge.id }, data: { baseUrl: `http://127.0.0.1:${port}/v1` } });
    const before = judgeServer.requests.length;
    const hits = internalHits;
    expect(await run()).toMatchObject({ status: "failed", error: expect.stringContaining("HTTP 302: the endpoint answered with a redirect, which the judge does not follow") });
    expect(internalHits).toBeGreaterThan(hits);
    expect(judgeServer.requests.length).toBe(before);

    const settings = await fetch(`${origin}/studies/${study.slug}/settings`, { headers: { cookie: researcherCookie } }).then((response) => response.text());
    expect(settings).toContain("does not follow");
    expect(settings).not.toContain("secret-internal-token");
  });
});

describe("what an anonymous client can make the server do", () => {
  it("checks an invitation's token before hashing a password, and throttles the address's failures", async () => {
    const from = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
    const signUp = (i: number, headers: Record<string, string> = {}) =>
      invokeAction(
        origin,
        "/invite/no-such-token",
        actions.get("signUpThroughInvitationAction")!,
        "",
        [{}, form({ token: "no-such-token", name: "Someone", email: `someone-${i}-${uniqueSuffix()}@test.local`, password: "a long enough password" })],
        headers,
      );
    // From one client address, through the trusted proxy.
    const answers: string[] = [];
    for (let i = 0; i < 22; i++) answers.push((await signUp(i, { "x-forwarded-for": from })).text);
    expect(answers.slice(0, 20).every((text) => text.includes("This invitation link is not valid"))).toBe(true);
    expect(answers.slice(20).every((text) => text.includes("Too many failed attempts from your network or for this email"))).toBe(true);
    // Another address is not held back.
    expect((await signUp(99)).text).toContain("This invitation link is not valid");
  });

  it("throttles sign-in per address over many emails and per email over many addresses, a burst included", async () => {
    const from = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
    const attempt = async (email: string, password: string, address: string) => {
      const csrf = await fetch(`${origin}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const response = await fetch(`${origin}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; "), "x-forwarded-for": address },
        body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
        redirect: "manual",
      });
      const { url } = (await response.json()) as { url: string };
      return new URL(url).searchParams.get("error") ?? (response.headers.getSetCookie().some((line) => line.includes("session-token")) ? "signed in" : "refused");
    };
    const user = await makeUser("rater");
    for (let i = 0; i < 20; i++) await attempt(`nobody-${i}-${uniqueSuffix()}@test.local`, "guess", from);
    expect(await attempt(user.email, user.password, from)).toMatch(/Too many failed sign-ins for this email or from your network/);
    expect(await attempt(user.email, user.password, "203.0.113.250")).toBe("signed in");

    // 30 guesses at once at one email, each from its own address: no more than ten get checked,
    // and the right password is refused after them.
    const target = await makeUser("rater");
    await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(target.email, "guess", `192.0.2.${i + 1}`)));
    expect((await db().throttle.findUniqueOrThrow({ where: { key: `email:${target.email}` } })).failures).toBe(30);
    expect(await attempt(target.email, target.password, "192.0.2.200")).toMatch(/Too many failed sign-ins/);
  });
});

describe("sessions", () => {
  it("end on the server when the user signs out or is disabled: a cookie kept from before no longer works", async () => {
    const [person] = await makeRaters(1, `session-${uniqueSuffix()}`);
    const cookie = await signInOverHttp(origin, person.email);
    const other = await signInOverHttp(origin, person.email);
    const me = (jar: string) => fetch(`${origin}/api/rate/none/next`, { headers: { cookie: jar } }).then((response) => response.status);
    expect(await me(cookie)).toBe(404);
    // Signing out through next-auth's endpoint, as an API client would.
    const { csrfToken } = (await fetch(`${origin}/api/auth/csrf`, { headers: { cookie } }).then((response) => response.json())) as { csrfToken: string };
    const csrfCookie = cookie.split("; ").find((part) => part.includes("csrf-token")) ?? "";
    await fetch(`${origin}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: [cookie, csrfCookie].join("; ") },
      body: new URLSearchParams({ csrfToken, json: "true" }),
      redirect: "manual",
    });
    expect(await me(cookie)).toBe(401);
    // Every session of the account ends, not only the one that signed out.
    expect(await me(other)).toBe(401);

    const fresh = await signInOverHttp(origin, person.email);
    expect(await me(fresh)).toBe(404);
    const admin = await makeUser("admin");
    const adminCookie = await signInOverHttp(origin, admin.email, admin.password);
    await invokeAction(origin, "/admin/users", actions.get("changeUserAction")!, adminCookie, [{}, form({ change: "disable", userId: person.id })]);
    expect(await me(fresh)).toBe(401);
  });
});

describe("pages run only their own scripts", () => {
  it("gives every page a nonce of its own for scripts, and no 'unsafe-inline'", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${origin}/sign-in`);
      const policy = response.headers.get("content-security-policy") ?? "";
      const html = await response.text();
      const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce).toBeTruthy();
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(html).toContain(`nonce="${nonce}"`);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(3);
    expect((await fetch(`${origin}/api/health`)).headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});

describe("other sites cannot post", () => {
  it("refuses a state-changing request from another origin or site, and JSON sent as text", async () => {
    const study = await seedStudy({ prompts: 1, createdById: researcher.id });
    const upload = () => {
      const body = new FormData();
      body.append("file", new Blob(['{"id":"x1","text":"Forged?"}\n']), "prompts.jsonl");
      body.append("system", "");
      return body;
    };
    const forgeries: Record<string, string>[] = [{ Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }, { "Sec-Fetch-Site": "same-site", Origin: "https://sub.studies.example" }];
    for (const headers of forgeries) {
      let status = 0;
      expect(
        await unchanged(async () => {
          status = (await fetch(`${origin}/api/studies/${study.slug}/import`, { method: "POST", headers: { cookie: researcherCookie, ...headers }, body: upload() })).status;
        }),
      ).toEqual([]);
      expect(status, JSON.stringify(headers)).toBe(403);
    }
    // The same upload from the app's own page goes through.
    expect((await fetch(`${origin}/api/studies/${study.slug}/import`, { method: "POST", headers: { cookie: researcherCookie, Origin: origin, "Sec-Fetch-Site": "same-origin" }, body: upload() })).status).toBe(200);

    // A form on another site can post text/plain; the rater API wants JSON's own type.
    const rater = await makeUser("rater");
    const raterCookie = await signInOverHttp(origin, rater.email, rater.password);
    const plain = await fetch(`${origin}/api/rate/${study.slug}/judgments`, { method: "POST", headers: { cookie: raterCookie, "content-type": "text/plain" }, body: '{"assignmentId":"x","choice":"left"}' });
    expect(plain.status).toBe(415);

    // Server actions check the origin themselves.
    const forged = await fetch(`${origin}/studies/${study.slug}`, {
      method: "POST",
      headers: { cookie: researcherCookie, "Next-Action": actions.get("setStudyStatusAction")!, Origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify([{}, "$K1"]),
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect((await db().study.findUniqueOrThrow({ where: { id: study.id } })).status).toBe("open");
  });
});

describe("resources a client can hold", () => {
  it("refuses a 50 MB JSON body at once, and a body without a length once it passes the cap", async () => {
    const rater = await makeUser("rater");
    const cookie = await signInOverHttp(origin, rater.email, rater.password);
    const big = await fetch(`${origin}/api/rate/any/judgments`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: "x".repeat(50 * 1024 * 1024) });
    expect(big.status).toBe(413);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        if (sent > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const streamed = await fetch(`${origin}/api/rate/any/judgments`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: endless, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({ error: "The request body is too large: at most 64 kB." });
  });

  it("refuses an upload past its byte cap while it streams, and imports nothing", async () => {
    const study = await seedStudy({ prompts: 0, createdById: researcher.id });
    let sent = 0;
    const boundary = "----cap";
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="prompts.jsonl"\r\nContent-Type: application/x-ndjson\r\n\r\n`);
    const line = new TextEncoder().encode(`${JSON.stringify({ id: "p", text: "x".repeat(1000) })}\n`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        // 300 MB, if the server read it all.
        sent += line.byteLength * 64;
        if (sent > 300 * 1024 * 1024) return controller.close();
        for (let i = 0; i < 64; i++) controller.enqueue(line);
      },
    });
    let status = 0;
    let text = "";
    expect(
      await unchanged(async () => {
        const response = await fetch(`${origin}/api/studies/${study.slug}/import`, {
          method: "POST",
          headers: { cookie: researcherCookie, "content-type": `multipart/form-data; boundary=${boundary}` },
          body,
          duplex: "half",
        } as RequestInit);
        status = response.status;
        text = await response.text();
      }),
    ).toEqual([]);
    expect(status).toBe(413);
    expect(text).toContain("prompts.jsonl is larger than the limit of 1 MB");
  });

  it("keeps downloads to their own few connections, ends those nobody reads, and serves raters meanwhile", async () => {
    const study = await seedStudy({ prompts: 400, baselines: ["GPT-4", "Bard", "Claude"], createdById: researcher.id });
    await seedJudgments(study.id, { "GPT-4": { wins: 200, ties: 100, losses: 100 }, Bard: { wins: 200, ties: 100, losses: 100 }, Claude: { wins: 200, ties: 100, losses: 100 } }, 10);
    await db().judgment.updateMany({ where: { studyId: study.id }, data: { rationale: "r".repeat(10_000) } });
    // Connections that have served a download (the pool's idle ones included), and those streaming one now.
    const backends = async (state = "%") =>
      (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'COPY%' AND state LIKE ${state}`)[0].n;
    // Downloads that read their headers and nothing more.
    // A raw socket that asks for the download and then never reads (fetch would read on into memory).
    const stall = () =>
      new Promise<{ socket: Socket; received: () => string }>((resolve) => {
        const url = new URL(origin);
        let text = "";
        const socket = connect(Number(url.port), "127.0.0.1", () => {
          socket.write(`GET /api/studies/${study.slug}/export/judgments HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${researcherCookie}\r\nConnection: close\r\n\r\n`);
          socket.once("data", (chunk) => {
            text += chunk.toString("latin1");
            socket.pause();
            resolve({ socket, received: () => text });
          });
        });
        socket.on("data", (chunk) => (text += chunk.toString("latin1")));
        socket.on("error", () => {});
      });
    const stalled = await Promise.all([stall(), stall()]);
    expect(stalled.map(({ received }) => received().slice(0, 15))).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"]);
    const waiting = Array.from({ length: 10 }, () =>
      fetch(`${origin}/api/studies/${study.slug}/export/judgments`, { headers: { cookie: researcherCookie } }).then(async (response) => ({ status: response.status, size: (await response.text()).length })),
    );
    let most = 0;
    for (let i = 0; i < 10; i++) {
      most = Math.max(most, await backends());
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(most).toBeLessThanOrEqual(2);
    expect((await fetch(`${origin}/api/health`)).status).toBe(200);
    // The stalled two are ended after EXPORT_IDLE_SECONDS, and the ten that waited go through.
    const done = await Promise.all(waiting);
    expect(done.every((download) => download.status === 200 && download.size > 1_000_000)).toBe(true);
    expect(await backends("active")).toBe(0);
    // The stalled two were cut off, not finished: read now, they end without the last chunk.
    for (const { socket, received } of stalled) {
      const closed = new Promise((resolve) => socket.once("close", resolve));
      socket.resume();
      await closed;
      expect(received().endsWith("\r\n0\r\n\r\n")).toBe(false);
    }
  });

  it("finishes the reproducibility bundle of a study with no prompts", async () => {
    const study = await seedStudy({ prompts: 0, createdById: researcher.id });
    const response = await fetch(`${origin}/api/studies/${study.slug}/export/bundle`, { headers: { cookie: researcherCookie }, signal: AbortSignal.timeout(15_000) });
    const kinds = (await response.text()).trim().split("\n").map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect(kinds).toEqual(["bundle", ...Array(8).fill("figure")]);
  });
});
