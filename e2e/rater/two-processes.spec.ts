// Many raters through the JSON API, their requests spread over two app processes on one
// database: no pair goes beyond k, no rater gets a pair twice, and every acknowledged judgment is
// in the database.
import { request as httpRequest, type APIRequestContext } from "@playwright/test";
import { db } from "@/lib/db";
import { startAppProcess } from "../fixtures/app-process";
import { expect, seed, test } from "../fixtures/test";

async function signedInRater(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const context = await httpRequest.newContext({ baseURL });
  const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
  const signIn = await context.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(signIn.ok()).toBe(true);
  return context;
}

test("two app processes on one database keep every assignment rule", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const k = 2;
  const study = await seed.study({ prompts: 15, baselines: ["Alpaca 65B", "GPT-4"], judgmentsPerPair: k });
  const second = await startAppProcess();
  try {
    const raters = await Promise.all(Array.from({ length: 24 }, () => seed.user("rater")));
    const origins = [baseURL!, second.origin];
    const acknowledged: string[] = [];

    await Promise.all(
      raters.map(async (rater, i) => {
        // Each rater's requests alternate between the two processes; their session works on both.
        const context = await signedInRater(origins[i % 2], rater.email, rater.password);
        let step = await (await context.get(`${origins[(i + 1) % 2]}/api/rate/${study.slug}/next`)).json();
        for (let n = 0; step.pair; n++) {
          const origin = origins[(i + n) % 2];
          const choice = (["left", "right", "neither"] as const)[(i + n) % 3];
          const response = await context.post(`${origin}/api/rate/${study.slug}/judgments`, { data: { assignmentId: step.pair.assignmentId, choice } });
          expect(response.status()).toBe(200);
          const body = await response.json();
          if (body.outcome === "recorded") acknowledged.push(step.pair.assignmentId);
          step = body;
        }
        await context.dispose();
      }),
    );

    const judgments = await db().judgment.findMany({ where: { pair: { studyId: study.id } } });
    expect(judgments).toHaveLength(study.pairs * k);
    expect(new Set(judgments.map((j) => j.assignmentId))).toEqual(new Set(acknowledged));
    const perPair = new Map<string, Set<string>>();
    for (const j of judgments) perPair.set(j.pairId, (perPair.get(j.pairId) ?? new Set()).add(j.raterId));
    expect(perPair.size).toBe(study.pairs);
    for (const raters of perPair.values()) expect(raters.size).toBe(k);
    const leftovers = await db().assignment.count({ where: { pair: { studyId: study.id }, status: "active" } });
    expect(leftovers).toBe(0);
  } finally {
    await second.stop();
  }
});

test("the JSON API refuses bad bodies, other raters' assignments and other roles, and reveals no system", async ({ baseURL }) => {
  const study = await seed.study({ prompts: 2, baselines: ["GPT-4"] });
  const [owner, other] = await Promise.all([seed.user("rater"), seed.user("rater")]);
  const researcher = await seed.user("researcher");
  const api = await signedInRater(baseURL!, owner.email, owner.password);
  const intruder = await signedInRater(baseURL!, other.email, other.password);

  const next = await api.get(`/api/rate/${study.slug}/next`);
  const text = await next.text();
  for (const name of [study.target, ...study.baselines]) expect(text).not.toContain(name);
  const { pair } = JSON.parse(text);

  const bad = await api.post(`/api/rate/${study.slug}/judgments`, { data: { assignmentId: pair.assignmentId, choice: "both" } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ problems: [{ field: "choice", reason: "must be left, right, neither or both_bad" }] });
  expect((await api.post(`/api/rate/${study.slug}/judgments`, { headers: { "content-type": "application/json" }, data: "{not json" })).status()).toBe(400);
  expect((await api.post(`/api/rate/${study.slug}/judgments`, { data: { assignmentId: "x".repeat(70_000), choice: "left" } })).status()).toBe(413);

  const stolen = await intruder.post(`/api/rate/${study.slug}/judgments`, { data: { assignmentId: pair.assignmentId, choice: "left" } });
  expect(stolen.status()).toBe(404);
  expect(await db().judgment.count({ where: { assignmentId: pair.assignmentId } })).toBe(0);

  const flagged = await api.post(`/api/rate/${study.slug}/flags`, { data: { assignmentId: pair.assignmentId, reason: "broken" } });
  expect(flagged.status()).toBe(201);
  const skipped = await api.post(`/api/rate/${study.slug}/skips`, { data: { assignmentId: pair.assignmentId, reason: "Other" } });
  expect((await skipped.json()).pair.assignmentId).not.toBe(pair.assignmentId);

  const researcherApi = await signedInRater(baseURL!, researcher.email, researcher.password);
  expect((await researcherApi.get(`/api/rate/${study.slug}/next`)).status()).toBe(403);
  const anonymous = await httpRequest.newContext({ baseURL });
  expect([302, 307, 401]).toContain((await anonymous.get(`/api/rate/${study.slug}/next`, { maxRedirects: 0 })).status());
});
