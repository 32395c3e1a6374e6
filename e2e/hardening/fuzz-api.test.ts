// R4, the JSON API: 1,000 malformed requests (wrong types, missing and extra answers, bad
// verdicts, huge bodies, broken JSON, another rater's assignment, odd slugs and query strings,
// forged sessions). None may answer 5xx, every refusal must say why, and none may write anything.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededRandom } from "@/lib/random";
import { signInOverHttp } from "@/lib/testing/http-raters";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { startStack, type Stack } from "./stack";

const REQUESTS = 1_000;

let stack: Stack;
let study: SeededStudy;
const cookies = { rater: "", otherRater: "", researcher: "", otherResearcher: "" };
let own = "";
let others = "";

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

beforeAll(async () => {
  stack = await startStack({ apps: 1 });
  const researcher = await makeUser("researcher");
  const otherResearcher = await makeUser("researcher");
  study = await seedStudy({ prompts: 5, createdById: researcher.id, openToAllRaters: true, rationaleMode: "optional" });
  const [rater, otherRater] = [await makeUser("rater"), await makeUser("rater")];
  const { origin } = stack.apps[0];
  cookies.rater = await signInOverHttp(origin, rater.email, rater.password);
  cookies.otherRater = await signInOverHttp(origin, otherRater.email, otherRater.password);
  cookies.researcher = await signInOverHttp(origin, researcher.email, researcher.password);
  cookies.otherResearcher = await signInOverHttp(origin, otherResearcher.email, otherResearcher.password);
  const lease = async (cookie: string) =>
    ((await (await fetch(`${origin}/api/rate/${study.slug}/next`, { headers: { cookie } })).json()) as { pair: { assignmentId: string } }).pair.assignmentId;
  own = await lease(cookies.rater);
  others = await lease(cookies.otherRater);
});

afterAll(async () => {
  await stack?.close();
});

interface Malformed {
  what: string;
  method: string;
  path: string;
  cookie: string;
  body?: string;
  contentType?: string;
}

const WRONG = [null, 42, -1, 2.5, true, [], {}, ["left"], { $ne: null }, "", " ", "LEFT", "both", "tie", "0", "x".repeat(70)];
const DEEP = "[".repeat(5_000) + "]".repeat(5_000);

/** A judgment body that is wrong in one way, for the rater who holds `own`. */
function badJudgment(random: Random): [string, unknown] {
  const choice = pick(random, WRONG);
  return pick(random, [
    ["a choice of the wrong type or value", { assignmentId: own, choice }],
    ["no answer", { assignmentId: own }],
    ["two answers", { assignmentId: own, choice: "left", score: 3 }],
    ["a label in a pairwise study", { assignmentId: own, label: "pass" }],
    ["a score in a pairwise study", { assignmentId: own, score: 4 }],
    ["a score out of range", { assignmentId: own, score: pick(random, [0, 7, 2.5, -3, 1e9]) }],
    ["bad turn labels", { assignmentId: own, turnLabels: pick(random, [[], ["great"], [1, 2], "pass"]) }],
    ["an assignment id of the wrong type", { assignmentId: pick(random, WRONG), choice: "left" }],
    ["no assignment id", { choice: "left" }],
    ["an assignment that does not exist", { assignmentId: `c${Math.floor(random() * 1e12)}`, choice: "right" }],
    ["another rater's assignment", { assignmentId: others, choice: pick(random, ["left", "right", "neither"]) }],
    ["a rationale too long", { assignmentId: own, choice: "left", rationale: "r".repeat(5_001) }],
    ["a rationale of the wrong type", { assignmentId: own, choice: "left", rationale: pick(random, [42, [], {}, true]) }],
    ["a NUL byte in the rationale", { assignmentId: own, choice: "left", rationale: "before\u0000after" }],
    ["an array", [{ assignmentId: own, choice: "left" }]],
    ["a string", "left"],
    ["null", null],
  ]);
}

function badBody(random: Random, path: string): Malformed {
  const form = pick(random, ["json", "json", "json", "broken", "huge", "deep", "empty", "form"]);
  const [what, value] = path.endsWith("/judgments")
    ? badJudgment(random)
    : path.endsWith("/skips")
      ? pick(random, [
          ["another rater's assignment", { assignmentId: others, reason: "Other" }],
          ["no reason", { assignmentId: own, reason: "  " }],
          ["a reason too long", { assignmentId: own, reason: "x".repeat(501) }],
          ["a reason of the wrong type", { assignmentId: own, reason: pick(random, WRONG.filter((v) => typeof v !== "string")) }],
        ] as [string, unknown][])
      : pick(random, [
          ["another rater's assignment", { assignmentId: others, reason: "broken" }],
          ["an unknown reason", { assignmentId: own, reason: pick(random, WRONG) }],
          ["a note too long", { assignmentId: own, reason: "other", note: "n".repeat(1_001) }],
          ["a NUL byte in the note", { assignmentId: own, reason: "other", note: "\u0000" }],
        ] as [string, unknown][]);
  const json = JSON.stringify(value) ?? "null";
  const base = { method: "POST", path, cookie: cookies.rater };
  switch (form) {
    case "broken":
      return { ...base, what: `${what}, cut short`, body: json.slice(0, Math.max(1, Math.floor(random() * json.length))) };
    case "huge":
      return { ...base, what: "a 100 kB body", body: JSON.stringify({ assignmentId: own, choice: "left", rationale: "h".repeat(100_000) }) };
    case "deep":
      return { ...base, what: "JSON nested 5,000 deep", body: DEEP };
    case "empty":
      return { ...base, what: "an empty body", body: "" };
    case "form":
      return { ...base, what: `${what}, as a form`, body: new URLSearchParams({ assignmentId: own }).toString(), contentType: "application/x-www-form-urlencoded" };
    default:
      return { ...base, what, body: json };
  }
}

const ODD_SLUGS = ["..%2F..%2Fetc%2Fpasswd", "%00", "'%20OR%201=1--", "a".repeat(3_000), "%F0%9F%98%80", "%C3%28", "study%2Fnext", "null", "undefined"];

function malformed(random: Random): Malformed {
  const rate = `/api/rate/${study.slug}`;
  const kind = pick(random, ["judgments", "judgments", "judgments", "skips", "flags", "slug", "export", "import", "session", "method"]);
  switch (kind) {
    case "judgments":
    case "skips":
    case "flags":
      return badBody(random, `${rate}/${kind}`);
    case "slug": {
      const route = pick(random, ["next", "judgments", "skips", "flags"]);
      return { what: `an odd slug on ${route}`, method: route === "next" ? "GET" : "POST", path: `/api/rate/${pick(random, ODD_SLUGS)}/${route}`, cookie: cookies.rater, body: route === "next" ? undefined : JSON.stringify({ assignmentId: own, choice: "left" }) };
    }
    case "export": {
      const table = pick(random, ["judgments", "raters", "summary", "bundle"]);
      const query = pick(random, ["format=xml", "format=", "baseline=%00", "minSeconds=-5", "minSeconds=abc", "excludeGoldFailures=maybe", "source=" + "s".repeat(2_000), "tag=%E0%A4%A"]);
      const cookie = pick(random, [cookies.researcher, cookies.otherResearcher, cookies.rater]);
      return { what: `export ${table}?${query.slice(0, 30)}`, method: "GET", path: `/api/studies/${study.slug}/export/${table}?${query}`, cookie };
    }
    case "import":
      return pick(random, [
        { what: "an import that is not a form", method: "POST", path: `/api/studies/${study.slug}/import`, cookie: cookies.researcher, body: '{"file":"x"}', contentType: "application/json" },
        { what: "an import with no file", method: "POST", path: `/api/studies/${study.slug}/import`, cookie: cookies.researcher, body: "system=LIMA", contentType: "application/x-www-form-urlencoded" },
        { what: "an import by a rater", method: "POST", path: `/api/studies/${study.slug}/import`, cookie: cookies.rater, body: "x", contentType: "multipart/form-data; boundary=nothing" },
        { what: "an import into another researcher's study", method: "POST", path: `/api/studies/${study.slug}/import`, cookie: cookies.otherResearcher, body: "--b\r\n\r\n--b--", contentType: "multipart/form-data; boundary=b" },
      ]);
    case "session":
      return {
        what: "a forged or missing session",
        method: "POST",
        path: `${rate}/judgments`,
        cookie: pick(random, ["", "next-auth.session-token=forged", `next-auth.session-token=${"e".repeat(4_000)}`, cookies.rater.replace(/session-token=./, "session-token=X")]),
        body: JSON.stringify({ assignmentId: own, choice: "left" }),
      };
    default:
      return { what: "a method the route does not take", method: pick(random, ["PUT", "DELETE", "PATCH"]), path: `${rate}/${pick(random, ["judgments", "next", "skips"])}`, cookie: cookies.rater, body: "{}" };
  }
}

async function written() {
  const [judgments, flags, skipped, assignments] = await Promise.all([
    db().judgment.count({ where: { studyId: study.id } }),
    db().flag.count(),
    db().assignment.count({ where: { status: { not: "active" } } }),
    db().assignment.count(),
  ]);
  return { judgments, flags, skipped, assignments };
}

it("1,000 malformed requests: no 5xx, every refusal says why, nothing written", async () => {
  const before = await written();
  expect(before).toEqual({ judgments: 0, flags: 0, skipped: 0, assignments: 2 });
  const random = seededRandom(1125);
  const statuses = new Map<number, number>();
  for (let i = 0; i < REQUESTS; i++) {
    const request = malformed(random);
    const context = `request ${i + 1}: ${request.method} ${request.path.slice(0, 80)} (${request.what})`;
    const response = await fetch(`${stack.apps[0].origin}${request.path}`, {
      method: request.method,
      headers: { cookie: request.cookie, "content-type": request.contentType ?? "application/json" },
      body: request.body,
      redirect: "manual",
    });
    const text = await response.text();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    expect(response.status, `${context}: ${text.slice(0, 200)}`).toBeLessThan(500);
    // Only an export of the researcher's own study with a query it ignores may succeed.
    if (response.ok) expect(request.path, context).toMatch(/\/export\//);
    if (response.status >= 400 && request.path.startsWith("/api/rate/") && response.status !== 405) {
      expect((JSON.parse(text) as { error?: string }).error, context).toMatch(/\S/);
    }
  }
  console.log(`R4 API: ${REQUESTS} malformed requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(await written()).toEqual(before);
  expect((await fetch(`${stack.apps[0].origin}/api/health`)).status).toBe(200);
  expect(stack.apps[0].output()).not.toContain("uncaughtException");
});
