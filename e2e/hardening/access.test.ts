// R5: every page and API route, requested over HTTP as each kind of visitor: signed out, a rater
// of the study, a rater of another study, its researcher, another researcher and an admin. Each
// either gets what its role allows or is turned away without a word of the study; no answer ever
// names a system to a rater; every answer carries the security headers; the session cookie is
// httpOnly, and secure when the app runs on https.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { db } from "@/lib/db";
import { signInOverHttp } from "@/lib/testing/http-raters";
import { makeUser, seedStudy, uniqueSuffix, type SeededStudy } from "@/lib/testing/seed-study";
import { startStack, type Stack } from "./stack";

type Persona = "anonymous" | "rater" | "otherRater" | "researcher" | "otherResearcher" | "admin";
const PERSONAS: Persona[] = ["anonymous", "rater", "otherRater", "researcher", "otherResearcher", "admin"];

let stack: Stack;
let origin: string;
let study: SeededStudy;
let promptId: string;
let judgeId: string;
const cookies = {} as Record<Persona, string>;
const marker = `secret-${uniqueSuffix()}`;
/** What only the study's researchers may read: its systems' names and ids. */
let systemSecrets: string[] = [];
/** Who the study's rater is: on its researchers' pages, and in a download only when asked for. */
let raterEmail = "";
const FORMULA = '=HYPERLINK("http://evil.example","click")';

beforeAll(async () => {
  stack = await startStack({ apps: 1 });
  origin = stack.apps[0].origin;
  const [researcher, otherResearcher, admin, rater, otherRater] = [
    await makeUser("researcher"),
    await makeUser("researcher"),
    await makeUser("admin"),
    await makeUser("rater"),
    await makeUser("rater"),
  ];
  study = await seedStudy({
    prompts: [1, 2, 3].map((n) => ({ text: `Prompt ${n} ${marker}` })),
    judgmentsPerPair: 5,
    target: `Target-${marker}`,
    baselines: [`Baseline-${marker}`],
    createdById: researcher.id,
    openToAllRaters: false,
    rationaleMode: "optional",
  });
  const other = await seedStudy({ prompts: 1, createdById: otherResearcher.id, openToAllRaters: false });
  await db().studyRater.createMany({ data: [{ studyId: study.id, raterId: rater.id }, { studyId: other.id, raterId: otherRater.id }] });
  promptId = (await db().prompt.findFirstOrThrow({ where: { studyId: study.id } })).id;
  judgeId = (await db().judge.create({ data: { studyId: study.id, name: "judge", baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: `key-${marker}`, prompt: "{prompt} {answer_a} {answer_b}" } })).id;
  const systems = await db().system.findMany({ where: { studyId: study.id }, select: { id: true, name: true } });
  systemSecrets = systems.flatMap((system) => [system.id, system.name]);
  raterEmail = rater.email;

  cookies.anonymous = "";
  for (const [persona, user] of Object.entries({ researcher, otherResearcher, admin, rater, otherRater })) {
    cookies[persona as Persona] = await signInOverHttp(origin, user.email, user.password);
  }
  // One judgment with a formula for a rationale, for the export to carry.
  const next = await get("/api/rate/" + study.slug + "/next", "rater");
  const { pair } = JSON.parse(next.text) as { pair: { assignmentId: string } };
  const judged = await fetch(`${origin}/api/rate/${study.slug}/judgments`, {
    method: "POST",
    headers: { cookie: cookies.rater, "content-type": "application/json" },
    body: JSON.stringify({ assignmentId: pair.assignmentId, choice: "left", rationale: FORMULA }),
  });
  expect(judged.status).toBe(200);
});

afterAll(async () => {
  await stack?.close();
});

async function get(path: string, persona: Persona) {
  const response = await fetch(`${origin}${path}`, { headers: { cookie: cookies[persona] }, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

type Expect = "ok" | "denied";
/** Each route, and who may open it; everyone else is turned away. */
function routes(): { path: string; allowed: Persona[]; showsPrompt?: boolean; identity?: "shown" | "hidden" | "onPage" }[] {
  const s = study.slug;
  const research: Persona[] = ["researcher", "admin"];
  return [
    { path: "/rate", allowed: ["rater", "otherRater"] },
    { path: `/rate/${s}`, allowed: ["rater"], showsPrompt: true },
    { path: "/studies", allowed: ["researcher", "otherResearcher", "admin"] },
    { path: "/studies/new", allowed: ["researcher", "otherResearcher", "admin"] },
    { path: `/studies/${s}`, allowed: research, identity: "onPage" },
    { path: `/studies/${s}/import`, allowed: research },
    { path: `/studies/${s}/prompts`, allowed: research, showsPrompt: true },
    { path: `/studies/${s}/prompts/${promptId}`, allowed: research, showsPrompt: true },
    { path: `/studies/${s}/settings`, allowed: research, identity: "onPage" },
    { path: `/studies/${s}/review`, allowed: research },
    { path: `/studies/${s}/preview`, allowed: research, showsPrompt: true },
    { path: "/admin/users", allowed: ["admin"] },
    { path: `/api/rate/${s}/next`, allowed: ["rater"], showsPrompt: true },
    { path: `/api/studies/${s}/export/judgments`, allowed: research, showsPrompt: true, identity: "hidden" },
    { path: `/api/studies/${s}/export/judgments?format=jsonl`, allowed: research, showsPrompt: true, identity: "hidden" },
    { path: `/api/studies/${s}/export/judgments?identities=1`, allowed: research, showsPrompt: true, identity: "shown" },
    { path: `/api/studies/${s}/export/judgments?format=jsonl&identities=1`, allowed: research, showsPrompt: true, identity: "shown" },
    { path: `/api/studies/${s}/export/raters`, allowed: research, identity: "hidden" },
    { path: `/api/studies/${s}/export/raters?identities=1`, allowed: research, identity: "shown" },
    { path: `/api/studies/${s}/export/summary`, allowed: research, identity: "hidden" },
    { path: `/api/studies/${s}/export/bundle`, allowed: research, showsPrompt: true, identity: "hidden" },
    { path: `/api/studies/${s}/export/judge-verdicts?judge=${judgeId}`, allowed: research },
    { path: `/api/studies/${s}/export/figure-1.svg`, allowed: research },
    { path: `/api/studies/${s}/export/figure-1.png`, allowed: research },
    { path: `/api/studies/${s}/export/figure-2.svg?judge=${judgeId}`, allowed: research },
    { path: `/api/studies/${s}/export/figure-2.png?judge=${judgeId}&view=combined`, allowed: research },
    { path: `/api/studies/${s}/export/results.tex`, allowed: research },
    { path: `/api/studies/${s}/export/missing-responses`, allowed: research },
    { path: `/api/studies/${s}/export/review`, allowed: research, identity: "hidden" },
  ];
}

describe("every route against every visitor", () => {
  it.each(PERSONAS)("as %s", async (persona) => {
    for (const route of routes()) {
      const expected: Expect = route.allowed.includes(persona) ? "ok" : "denied";
      const answer = await get(route.path, persona);
      const context = `${persona} GET ${route.path} → ${answer.status}`;
      expect(answer.status, context).toBeLessThan(500);
      if (expected === "ok") {
        expect(answer.status, context).toBe(200);
        if (route.showsPrompt) expect(answer.text, context).toContain(marker);
        // Who the rater is: on the researchers' pages, and in a download only when it asked.
        if (route.identity === "shown" || route.identity === "onPage") expect(answer.text, context).toContain(raterEmail);
      } else {
        expect(answer.status === 200 && answer.text.includes(marker), context).toBe(false);
        // Pages send people elsewhere or say there is nothing for them; the API says 401, 403 or 404.
        if (route.path.startsWith("/api/")) expect([401, 403, 404], context).toContain(answer.status);
        else expect(answer.status === 307 || answer.text.includes("NEXT_REDIRECT") || answer.text.includes("Not found"), context).toBe(true);
      }
      // A rater, or anyone turned away, never reads a system's name or id.
      if (expected === "denied" || persona === "rater" || persona === "otherRater") {
        for (const secret of systemSecrets) expect(answer.text, `${context} names a system`).not.toContain(secret);
      }
      if (route.identity === "hidden" || (route.identity === "shown" && expected === "denied")) expect(answer.text, `${context} names the rater`).not.toContain(raterEmail);
      // A judge's API key is never shown or exported, to anyone.
      expect(answer.text, context).not.toContain(`key-${marker}`);
      expect(answer.headers.get("content-security-policy"), context).toContain("frame-ancestors 'none'");
      expect(answer.headers.get("referrer-policy"), context).toBe("same-origin");
      expect(answer.headers.get("x-content-type-options"), context).toBe("nosniff");
    }
  });

  it("the rater's answers to judging and skipping name no system either", async () => {
    const rater = await makeUser("rater");
    await db().studyRater.create({ data: { studyId: study.id, raterId: rater.id } });
    const cookie = await signInOverHttp(origin, rater.email, rater.password);
    const next = await fetch(`${origin}/api/rate/${study.slug}/next`, { headers: { cookie } });
    const body = await next.text();
    expect(body).toContain(marker);
    const { pair } = JSON.parse(body) as { pair: { assignmentId: string } };
    const skipped = await fetch(`${origin}/api/rate/${study.slug}/skips`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ assignmentId: pair.assignmentId, reason: "Other" }),
    });
    expect(skipped.status).toBe(200);
    for (const text of [body, await skipped.text()]) {
      for (const secret of [...systemSecrets, "targetSide", "systemId"]) expect(text).not.toContain(secret);
    }
  });
});

it("a formula in a rationale leaves the CSV export as text, not a formula", async () => {
  const answer = await get(`/api/studies/${study.slug}/export/judgments`, "researcher");
  const rows = parse(answer.text, { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(1);
  expect(rows[0].rationale).toBe(`'${FORMULA}`);
  for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
});

it("the session cookie is httpOnly, and secure when the app is served over https", async () => {
  const researcher = await makeUser("researcher");
  const plain = await fetch(`${origin}/api/auth/csrf`);
  expect(plain.headers.getSetCookie().join("\n")).toMatch(/HttpOnly/i);
  const signedIn = await signInSetCookies(origin, researcher.email, researcher.password);
  const session = signedIn.find((line) => line.startsWith("next-auth.session-token="));
  expect(session).toMatch(/HttpOnly/i);

  // Behind TLS (NEXTAUTH_URL on https), next-auth names it __Secure- and marks it Secure.
  const secure = await stack.startApp({ NEXTAUTH_URL: "https://studies.example" });
  const lines = await signInSetCookies(secure.origin, researcher.email, researcher.password);
  const secureSession = lines.find((line) => line.startsWith("__Secure-next-auth.session-token="));
  expect(secureSession).toMatch(/HttpOnly/i);
  expect(secureSession).toMatch(/;\s*Secure/i);
  // HSTS only where the app is served over https.
  expect((await fetch(`${secure.origin}/api/health`)).headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  expect((await fetch(`${origin}/api/health`)).headers.get("strict-transport-security")).toBeNull();
  await secure.stop();
});

async function signInSetCookies(at: string, email: string, password: string): Promise<string[]> {
  const csrf = await fetch(`${at}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const response = await fetch(`${at}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  return response.headers.getSetCookie();
}
