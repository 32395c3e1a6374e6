// Trust, over the real server: a study takes a rater's write only while it allows it (every path,
// every state), the blind holds against a rater who thinks (one prompt each by default, target
// sides that cannot be predicted, gold pairs that move the progress like any other, answers that
// name their writer hidden on request), and a crowd link cannot be stuffed.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { crowdEntryCounts } from "@/lib/studies/crowd-link";
import { inBatches, makeRaters, signInOverHttp } from "@/lib/testing/http-raters";
import { makeUser, seedStudy, uniqueSuffix } from "@/lib/testing/seed-study";
import { databaseFingerprint } from "./invariants";
import { invokeAction, serverActions } from "./server-actions";
import { startStack, type Stack } from "./stack";

let stack: Stack;
let origin: string;
let actions: Map<string, string>;
let researcher: { id: string; email: string; password: string };
let researcherCookie: string;
let rater: { id: string; email: string; password: string };
let raterCookie: string;

beforeAll(async () => {
  // The app sits behind a "proxy" on loopback, so each test can come from addresses of its own.
  stack = await startStack({ apps: 1, env: { TRUSTED_PROXIES: "127.0.0.1,::1", CROWD_ENTRIES_PER_ADDRESS: "5" } });
  origin = stack.apps[0].origin;
  actions = serverActions();
  researcher = await makeUser("researcher");
  rater = await makeUser("rater");
  researcherCookie = await signInOverHttp(origin, researcher.email, researcher.password);
  raterCookie = await signInOverHttp(origin, rater.email, rater.password);
});

afterAll(async () => {
  await stack?.close();
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

async function api(path: string, cookie: string, body?: object, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}${path}`, {
    method: body ? "POST" : "GET",
    headers: { cookie, "content-type": "application/json", ...headers },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null };
}

const researcherAction = (name: string, path: string, args: unknown[]) => invokeAction(origin, path, actions.get(name)!, researcherCookie, args);

describe("a study takes a rater's write only while it allows it", () => {
  type Path = "API judgment" | "API skip" | "API flag" | "page judgment" | "page skip" | "page flag";
  const PATHS: Path[] = ["API judgment", "API skip", "API flag", "page judgment", "page skip", "page flag"];
  type State = "another study's address" | "paused" | "closed" | "let out";
  const STATES: { state: State; api: number; message: RegExp }[] = [
    { state: "another study's address", api: 404, message: /not assigned to you in this study/ },
    { state: "paused", api: 409, message: /This study is paused, so nothing was recorded/ },
    { state: "closed", api: 410, message: /This study has ended, so nothing was recorded/ },
    { state: "let out", api: 404, message: /no longer taking part in this study, so nothing was recorded/ },
  ];

  function send(path: Path, slug: string, assignmentId: string) {
    const [where, what] = path.split(" ") as ["API" | "page", "judgment" | "skip" | "flag"];
    const body = what === "judgment" ? { assignmentId, choice: "left" } : what === "skip" ? { assignmentId, reason: "Other" } : { assignmentId, reason: "broken" };
    if (where === "API") return api(`/api/rate/${slug}/${{ judgment: "judgments", skip: "skips", flag: "flags" }[what]}`, raterCookie, body);
    const action = { judgment: "submitJudgmentAction", skip: "skipAction", flag: "flagAction" }[what];
    // As the rating page sends it: its study's slug bound first.
    return invokeAction(origin, `/rate/${slug}`, actions.get(action)!, raterCookie, [slug, body]);
  }

  it.each(STATES)("refuses every path when the study is $state, and writes nothing", async ({ state, api: status, message }) => {
    for (const path of PATHS) {
      const study = await seedStudy({ prompts: 2, createdById: researcher.id, openToAllRaters: false });
      // Open to the rater too; with no pairs, so that the page the action answers with hands out nothing.
      const other = await seedStudy({ prompts: 0, createdById: researcher.id, openToAllRaters: false });
      await db().studyRater.createMany({ data: [{ studyId: study.id, raterId: rater.id }, { studyId: other.id, raterId: rater.id }] });
      const { json } = await api(`/api/rate/${study.slug}/next`, raterCookie);
      const assignmentId = json.pair.assignmentId as string;
      let slug = study.slug;
      if (state === "another study's address") slug = other.slug;
      if (state === "paused" || state === "closed") {
        const changed = await researcherAction("setStudyStatusAction", `/studies/${study.slug}`, [{}, form({ slug: study.slug, status: state })]);
        expect(changed.status).toBe(200);
      }
      if (state === "let out") {
        const out = await researcherAction("letRaterOutAction", `/studies/${study.slug}/settings`, [form({ slug: study.slug, userId: rater.id })]);
        expect(out.status).toBe(200);
      }
      // The change took back the pair on loan.
      if (state !== "another study's address") expect(await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).toMatchObject({ status: "withdrawn" });

      const before = await databaseFingerprint();
      const answer = await send(path, slug, assignmentId);
      const context = `${path} in a study ${state}: ${answer.status} ${answer.text.slice(0, 300)}`;
      if (path.startsWith("API")) expect(answer.status, context).toBe(status);
      else expect(answer.status, context).toBe(200);
      expect(answer.text, context).toMatch(message);
      const after = await databaseFingerprint();
      expect(Object.keys(after).filter((table) => after[table] !== before[table]), `${context} wrote to`).toEqual([]);
    }
  });

  const UNDO_STATES: { state: State; api: number; message: RegExp }[] = [
    { state: "another study's address", api: 404, message: /not assigned to you in this study/ },
    { state: "paused", api: 409, message: /This study is paused, so your judgment stays as it was/ },
    { state: "closed", api: 410, message: /This study has ended, so your judgments stay as they are/ },
    { state: "let out", api: 404, message: /no longer taking part in this study, so your judgments stay as they are/ },
  ];

  it.each(UNDO_STATES)("refuses to take back a judgment when the study is $state, through the API and the page, and writes nothing", async ({ state, api: status, message }) => {
    for (const where of ["API", "page"] as const) {
      const study = await seedStudy({ prompts: 2, createdById: researcher.id, openToAllRaters: false });
      const other = await seedStudy({ prompts: 0, createdById: researcher.id, openToAllRaters: false });
      await db().studyRater.createMany({ data: [{ studyId: study.id, raterId: rater.id }, { studyId: other.id, raterId: rater.id }] });
      const { json } = await api(`/api/rate/${study.slug}/next`, raterCookie);
      const assignmentId = json.pair.assignmentId as string;
      expect((await api(`/api/rate/${study.slug}/judgments`, raterCookie, { assignmentId, choice: "left" })).status).toBe(200);
      let slug = study.slug;
      if (state === "another study's address") slug = other.slug;
      if (state === "paused" || state === "closed") {
        expect((await researcherAction("setStudyStatusAction", `/studies/${study.slug}`, [{}, form({ slug: study.slug, status: state })])).status).toBe(200);
      }
      if (state === "let out") {
        expect((await researcherAction("letRaterOutAction", `/studies/${study.slug}/settings`, [form({ slug: study.slug, userId: rater.id })])).status).toBe(200);
      }

      const before = await databaseFingerprint();
      const answer =
        where === "API"
          ? await api(`/api/rate/${slug}/undo`, raterCookie, { assignmentId })
          : await invokeAction(origin, `/rate/${slug}`, actions.get("undoJudgmentAction")!, raterCookie, [slug, { assignmentId }]);
      const context = `undo by the ${where} in a study ${state}: ${answer.status} ${answer.text.slice(0, 300)}`;
      expect(answer.status, context).toBe(where === "API" ? status : 200);
      expect(answer.text, context).toMatch(message);
      const after = await databaseFingerprint();
      expect(Object.keys(after).filter((table) => after[table] !== before[table]), `${context} wrote to`).toEqual([]);
      expect(await db().judgment.count({ where: { assignmentId } })).toBe(1);
    }
  });

  it("keeps the held counts and the progress in agreement after a pause", async () => {
    const study = await seedStudy({ prompts: 4, createdById: researcher.id, judgmentsPerPair: 2 });
    const raters = await makeRaters(3, `pause-${uniqueSuffix()}`);
    const cookies = await inBatches(raters, 3, (person) => signInOverHttp(origin, person.email));
    for (const cookie of cookies) expect((await api(`/api/rate/${study.slug}/next`, cookie)).status).toBe(200);
    await researcherAction("setStudyStatusAction", `/studies/${study.slug}`, [{}, form({ slug: study.slug, status: "paused" })]);
    const [row] = await db().$queryRaw<{ held: number; live: number }[]>`
      SELECT (SELECT coalesce(sum("heldCount"), 0)::int FROM "Pair" WHERE "studyId" = ${study.id}) AS held,
             (SELECT count(*)::int FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId" WHERE p."studyId" = ${study.id} AND a.status IN ('active', 'done')) AS live`;
    expect(row).toEqual({ held: 0, live: 0 });
    // Reopened, the raters carry on with other pairs, and the old ones are refused.
    await researcherAction("setStudyStatusAction", `/studies/${study.slug}`, [{}, form({ slug: study.slug, status: "open" })]);
    const next = await api(`/api/rate/${study.slug}/next`, cookies[0]);
    expect(next.json.pair).not.toBeNull();
  });
});

describe("the blind holds against a rater who thinks", () => {
  it("makes new studies one prompt per rater unless the researcher turns it off", async () => {
    const made = async (fields: Record<string, string>) => {
      const slug = `blind-${uniqueSuffix()}`;
      await researcherAction("createStudyAction", "/studies/new", [{}, form({ title: "Blind", slug, target: "LIMA", baselines: "GPT-4", prompts: "own", ...fields })]);
      return (await db().study.findUniqueOrThrow({ where: { slug } })).promptOncePerRater;
    };
    // A client that sends no such field (a script, say), the form ticked, and the form unticked.
    expect(await made({})).toBe(true);
    expect(await made({ promptOncePerRater: "on" })).toBe(true);
    expect(await made({ promptOncePerRater: "off" })).toBe(false);
  });

  it("gives each rater every prompt once, no text twice, and target sides that change about as often as a coin's", async () => {
    const baselines = ["Alpaca 65B", "DaVinci003", "Bard", "Claude"];
    const study = await seedStudy({ prompts: 16, baselines, createdById: researcher.id, promptOncePerRater: true, judgmentsPerPair: 8 });
    const raters = await makeRaters(32, `sides-${uniqueSuffix()}`);
    const cookies = await inBatches(raters, 8, (person) => signInOverHttp(origin, person.email));
    const texts = new Map<number, string[]>();
    await inBatches(cookies, 8, async (cookie, r) => {
      const seen: string[] = [];
      let { json } = await api(`/api/rate/${study.slug}/next`, cookie);
      while (json.pair) {
        seen.push(json.pair.left.text, json.pair.right.text);
        ({ json } = await api(`/api/rate/${study.slug}/judgments`, cookie, { assignmentId: json.pair.assignmentId, choice: "neither" }));
      }
      texts.set(r, seen);
    });
    for (const seen of texts.values()) {
      expect(seen).toHaveLength(32);
      expect(new Set(seen).size, "a text shown twice to one rater").toBe(seen.length);
    }
    const sequences = await db().$queryRaw<{ sides: string[]; prompts: number }[]>`
      SELECT array_agg(a."targetSide"::text ORDER BY a."createdAt", a.id) AS sides, count(DISTINCT p."promptId")::int AS prompts
        FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
       WHERE p."studyId" = ${study.id}
       GROUP BY a."raterId"`;
    expect(sequences).toHaveLength(32);
    let changes = 0;
    let transitions = 0;
    for (const { sides, prompts } of sequences) {
      expect(prompts).toBe(16);
      // Balanced per rater: two full blocks of eight.
      expect(sides.filter((side) => side === "left")).toHaveLength(8);
      for (let i = 1; i < sides.length; i++, transitions++) if (sides[i] !== sides[i - 1]) changes++;
    }
    // Expected 0.5625 (standard error about 0.02 over 480 changes); alternation would give 1,
    // blocks of two 0.75.
    expect(changes / transitions).toBeGreaterThan(0.47);
    expect(changes / transitions).toBeLessThan(0.66);
  });

  it("moves a rater's progress by one after a gold pair, as after any other", async () => {
    const study = await seedStudy({ prompts: 30, baselines: ["Bard"], createdById: researcher.id, goldRate: 0.2 });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, select: { id: true }, take: 12 });
    await db().pair.updateMany({ where: { id: { in: pairs.map((pair) => pair.id) } }, data: { goldVerdict: "win" } });
    const [person] = await makeRaters(1, `gold-${uniqueSuffix()}`);
    const cookie = await signInOverHttp(origin, person.email);
    let { json } = await api(`/api/rate/${study.slug}/next`, cookie);
    let gold = 0;
    while (json.pair) {
      const before = json.progress as { done: number; remaining: number };
      const assignment = await db().assignment.findUniqueOrThrow({ where: { id: json.pair.assignmentId }, select: { pair: { select: { goldVerdict: true } } } });
      if (assignment.pair.goldVerdict) gold++;
      ({ json } = await api(`/api/rate/${study.slug}/judgments`, cookie, { assignmentId: json.pair.assignmentId, choice: "left" }));
      if (json.pair) expect([json.progress.done - before.done, before.remaining - json.progress.remaining]).toEqual([1, 1]);
    }
    expect(gold).toBeGreaterThan(2);
  });

  it("reports answers that name their writer at import, and hides the names from raters when the study says so", async () => {
    const study = await seedStudy({ prompts: 0, createdById: researcher.id, baselines: ["GPT-4"] });
    const upload = new FormData();
    upload.append("file", new Blob(['{"id":"n1","text":"Who made you?"}\n'], { type: "application/x-ndjson" }), "prompts.jsonl");
    upload.append("system", "");
    upload.append(
      "file",
      new Blob(['{"prompt_id":"n1","system":"LIMA","response":"I\'m Claude, made by Anthropic."}\n{"prompt_id":"n1","system":"GPT-4","response":"As an AI language model, I was made by a team."}\n'], {
        type: "application/x-ndjson",
      }),
      "responses.jsonl",
    );
    upload.append("system", "");
    const imported = await fetch(`${origin}/api/studies/${study.slug}/import`, { method: "POST", headers: { cookie: researcherCookie }, body: upload });
    const report = (await imported.json()) as { committed: boolean; selfNamingCount: number; selfNaming: { file: string; line: number; phrase: string }[] };
    expect(report).toMatchObject({
      committed: true,
      selfNamingCount: 2,
      selfNaming: [
        { file: "responses.jsonl", line: 1, phrase: "I'm Claude; Anthropic" },
        { file: "responses.jsonl", line: 2, phrase: "As an AI language model" },
      ],
    });
    const page = await api(`/studies/${study.slug}`, researcherCookie);
    expect(page.text).toContain("2 answers name a model, its maker or a system of this study");

    await researcherAction("setSelfNamingAction", `/studies/${study.slug}`, [form({ slug: study.slug, mode: "redact" })]);
    const { json } = await api(`/api/rate/${study.slug}/next`, raterCookie);
    const shown = `${json.pair.left.text} ${json.pair.right.text}`;
    expect(shown).toContain("I'm [assistant], made by [company].");
    expect(shown).toContain("As an assistant, I was made by a team.");
    expect(shown).not.toMatch(/Claude|Anthropic|language model/);
    await api(`/api/rate/${study.slug}/judgments`, raterCookie, { assignmentId: json.pair.assignmentId, choice: "left" });
    const csv = await api(`/api/studies/${study.slug}/export/judgments`, researcherCookie);
    expect((parse(csv.text, { columns: true }) as { redacted: string }[]).map((row) => row.redacted)).toEqual(["true"]);
  });
});

describe("a crowd link cannot be stuffed", () => {
  /** A first visit through the link, from a client address of its own (behind the trusted proxy). */
  async function enter(token: string, participantId: string, address: string, through = origin) {
    const csrf = await fetch(`${through}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    const response = await fetch(`${through}/api/auth/callback/crowd`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": address },
      body: new URLSearchParams({ csrfToken, token, PROLIFIC_PID: participantId, STUDY_ID: "s", SESSION_ID: "x", json: "true" }),
      redirect: "manual",
    });
    // Asked for JSON, next-auth answers with the address it would send the browser to, which
    // carries the refusal's message.
    const { url } = (await response.json()) as { url: string };
    const session = response.headers.getSetCookie().find((line) => line.includes("next-auth.session-token"));
    return session ? { admitted: true as const, cookie: [cookie, session.split(";")[0]].join("; ") } : { admitted: false as const, error: new URL(url).searchParams.get("error") ?? "" };
  }

  async function crowdStudy(settings: Record<string, string>, prompts = 4) {
    const study = await seedStudy({ prompts, baselines: ["GPT-4"], createdById: researcher.id, openToAllRaters: false });
    await researcherAction("saveCrowdLinkAction", `/studies/${study.slug}/settings`, [{}, form({ slug: study.slug, enabled: "on", completionCode: "DONE42", completionUrl: "", ...settings })]);
    const { crowdToken } = await db().study.findUniqueOrThrow({ where: { id: study.id } });
    return { study, token: crowdToken! };
  }

  it("takes no new participant past the cap, says so on a clear page, and counts the refusals", async () => {
    const { study, token } = await crowdStudy({ crowdCap: "3" });
    const entries = [];
    for (let i = 0; i < 6; i++) entries.push(await enter(token, `cap-${i}`, `192.0.2.${i + 1}`));
    expect(entries.map((entry) => entry.admitted)).toEqual([true, true, true, false, false, false]);
    for (const entry of entries.slice(3)) expect(entry).toMatchObject({ error: expect.stringContaining("has all the participants it asked for") });
    // A participant already in comes back; a new one sees the refusal on the link's page.
    expect((await enter(token, "cap-0", "192.0.2.1")).admitted).toBe(true);
    expect((await api(`/crowd/${token}?PROLIFIC_PID=someone-new`, "")).text).toContain("This study has all the participants it asked for");
    expect(await crowdEntryCounts(study.id)).toEqual({ participants: 3, overCap: 3, throttled: 0 });
    const settings = (await api(`/studies/${study.slug}/settings`, researcherCookie)).text.replace(/<!-- -->/g, "");
    expect(settings).toContain("Participants</dt><dd>3 of 3</dd>");
    expect(settings).toContain("Turned away: study full</dt><dd>3</dd>");
  });

  it("makes at most the throttle's number of new identities per client address, even in a burst", async () => {
    const { study, token } = await crowdStudy({}, 40);
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => enter(token, `burst-${i}`, "198.51.100.7")));
    expect(burst.filter((entry) => entry.admitted)).toHaveLength(5);
    for (const entry of burst.filter((e) => !e.admitted)) expect(entry).toMatchObject({ error: expect.stringContaining("Too many new participants came from your network") });
    // Another address is not held back.
    expect((await enter(token, "elsewhere", "198.51.100.8")).admitted).toBe(true);
    expect(await crowdEntryCounts(study.id)).toMatchObject({ participants: 6, throttled: 7 });
    const settings = (await api(`/studies/${study.slug}/settings`, researcherCookie)).text.replace(/<!-- -->/g, "");
    expect(settings).toContain("Turned away: too many from one address</dt><dd>7 <span");
  });

  it("believes X-Forwarded-For only from a trusted proxy", async () => {
    const direct = await stack.startApp({ TRUSTED_PROXIES: "", CROWD_ENTRIES_PER_ADDRESS: "5" });
    const { token } = await crowdStudy({}, 40);
    // Straight to the app, with a new made-up address on every request: all one client.
    const entries = [];
    for (let i = 0; i < 8; i++) entries.push(await enter(token, `spoof-${i}`, `203.0.113.${i + 1}`, direct.origin));
    expect(entries.filter((entry) => entry.admitted)).toHaveLength(5);
    await direct.stop();
  });

  it("gives the completion code only to a participant who judged, and a no-work page to one who got nothing", async () => {
    const { token, study } = await crowdStudy({ noWorkCode: "NOWORK7" }, 2);
    const first = await enter(token, "worker", "192.0.2.50");
    if (!first.admitted) throw new Error("not admitted");
    let { json } = await api(`/api/rate/${study.slug}/next`, first.cookie);
    while (json.pair) ({ json } = await api(`/api/rate/${study.slug}/judgments`, first.cookie, { assignmentId: json.pair.assignmentId, choice: "left" }));
    const done = await api(`/rate/${study.slug}`, first.cookie);
    expect(done.text).toContain("DONE42");
    expect(done.text).not.toContain("NOWORK7");

    const late = await enter(token, "latecomer", "192.0.2.51");
    if (!late.admitted) throw new Error("not admitted");
    const nothing = await api(`/rate/${study.slug}`, late.cookie);
    expect(nothing.text).toContain("No work left for you");
    expect(nothing.text).toContain("NOWORK7");
    expect(nothing.text).not.toContain("DONE42");
  });
});
