// R5, server actions: every action of the production build (read from its manifest, so a new one
// without a case here fails the test) is invoked over HTTP, as the browser would, by each kind of
// visitor with arguments that work for whoever may use it. Everyone else must change nothing in
// the database; whoever may use it must change something, which shows the arguments were right.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInOverHttp } from "@/lib/testing/http-raters";
import { makeUser, seedStudy, type SeededStudy } from "@/lib/testing/seed-study";
import { DEFAULT_JUDGE_PROMPT } from "@/lib/judge/judge-prompt";
import { trainingItem } from "@/lib/rater-steps/training";
import { databaseFingerprint } from "./invariants";
import { invokeAction, serverActions } from "./server-actions";
import { startStack, type Stack } from "./stack";

type Persona = "anonymous" | "rater" | "otherRater" | "researcher" | "otherResearcher" | "admin";
const PERSONAS: Persona[] = ["anonymous", "rater", "otherRater", "researcher", "otherResearcher", "admin"];

let stack: Stack;
let origin: string;
let study: SeededStudy;
/** A study of the same researcher with no pairs. */
let empty: SeededStudy;

const judgeOn = (studyId: string) =>
  db().judge.create({ data: { studyId, name: `judge ${Math.random()}`, baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: "k", prompt: DEFAULT_JUDGE_PROMPT } });
/** A study that asks its raters for consent or training first (on a gold pair), the rater let in. */
async function firstStepsStudy(steps: { consentText?: string; trainingItems?: number }) {
  const made = await seedStudy({ prompts: 1, baselines: ["Claude"], openToAllRaters: false });
  await db().pair.updateMany({ where: { studyId: made.id }, data: { goldVerdict: "win" } });
  await db().study.update({ where: { id: made.id }, data: steps });
  await db().studyRater.create({ data: { studyId: made.id, raterId: ids.rater } });
  return made;
}
const cookies = {} as Record<Persona, string>;
const ids = {} as Record<"rater" | "researcher" | "spare", string>;
let raterPseudonym = "";
let deletions = 0;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

async function leaseFor(persona: Persona): Promise<string> {
  const response = await fetch(`${origin}/api/rate/${study.slug}/next`, { headers: { cookie: cookies[persona] } });
  return ((await response.json()) as { pair: { assignmentId: string } }).pair.assignmentId;
}

interface ActionCase {
  /** The page the action is posted to, as its form would. */
  path: () => string;
  allowed: Persona[];
  args: () => Promise<unknown[]> | unknown[];
}

/** Every action, by its exported name. Token-gated ones are tried with a token that does not exist. */
const CASES: Record<string, ActionCase> = {
  submitJudgmentAction: { path: () => `/rate/${study.slug}`, allowed: ["rater"], args: async () => [study.slug, { assignmentId: await leaseFor("rater"), choice: "left" }] },
  skipAction: { path: () => `/rate/${study.slug}`, allowed: ["rater"], args: async () => [study.slug, { assignmentId: await leaseFor("rater"), reason: "Other" }] },
  flagAction: { path: () => `/rate/${study.slug}`, allowed: ["rater"], args: async () => [study.slug, { assignmentId: await leaseFor("rater"), reason: "broken" }] },
  undoJudgmentAction: {
    path: () => `/rate/${study.slug}`,
    allowed: ["rater"],
    // A judgment of the rater's just made, which they may take back.
    args: async () => {
      const assignmentId = await leaseFor("rater");
      const judged = await fetch(`${origin}/api/rate/${study.slug}/judgments`, {
        method: "POST",
        headers: { cookie: cookies.rater, "content-type": "application/json" },
        body: JSON.stringify({ assignmentId, choice: "left" }),
      });
      expect(judged.status).toBe(200);
      return [study.slug, { assignmentId }];
    },
  },
  // Each allowed call must change something, so these turn a setting the other way each time.
  setGoldAction: {
    path: () => `/studies/${study.slug}/prompts`,
    allowed: ["researcher", "admin"],
    args: async () => {
      // A pair no rater has been given yet, which may still become gold.
      const pair = await db().pair.findFirstOrThrow({ where: { studyId: study.id, goldVerdict: null, assignments: { none: {} } } });
      return [{}, form({ slug: study.slug, pairId: pair.id, goldVerdict: "win" })];
    },
  },
  setRaterExcludedAction: {
    path: () => `/studies/${study.slug}`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const excluded = await db().raterExclusion.count({ where: { studyId: study.id, raterId: ids.rater } });
      return [form({ slug: study.slug, rater: raterPseudonym, exclude: excluded ? "no" : "yes", reason: "test" })];
    },
  },
  saveSettingsAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: () => [{}, form({ slug: study.slug, raterTitle: `Compare ${Math.random()}`, instructions: "Pick one.", judgmentsPerPair: "3", leaseMinutes: "15", rationaleMode: "optional", goldPercent: "0", quotaPerRater: "", openToAllRaters: "on", activeBaselines: "GPT-4" })],
  },
  addCollaboratorAction: { path: () => `/studies/${study.slug}/settings`, allowed: ["researcher", "admin"], args: async () => [{}, form({ slug: study.slug, email: (await makeUser("researcher")).email })] },
  removeCollaboratorAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const collaborator = await makeUser("researcher");
      await db().studyCollaborator.create({ data: { studyId: study.id, userId: collaborator.id } });
      return [form({ slug: study.slug, userId: collaborator.id })];
    },
  },
  letRaterInAction: { path: () => `/studies/${study.slug}/settings`, allowed: ["researcher", "admin"], args: async () => [{}, form({ slug: study.slug, email: (await makeUser("rater")).email })] },
  letRaterOutAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const rater = await makeUser("rater");
      await db().studyRater.create({ data: { studyId: study.id, raterId: rater.id } });
      return [form({ slug: study.slug, userId: rater.id })];
    },
  },
  createInvitationAction: { path: () => `/studies/${study.slug}/settings`, allowed: ["researcher", "admin"], args: () => [{}, form({ slug: study.slug, label: "panel", maxUses: "5", expiresOn: "" })] },
  withdrawInvitationAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const invitation = await db().invitation.create({ data: { studyId: study.id, token: `t-${Math.random()}`, createdById: ids.researcher } });
      return [form({ slug: study.slug, invitationId: invitation.id })];
    },
  },
  saveRaterStepsAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: () => [{}, form({ slug: study.slug, consentText: `Consent ${Date.now()} ${Math.random()}`, trainingItems: "0" })],
  },
  // A study of its own each time, the rater let in: the first step is theirs to take once.
  consentAction: { path: () => `/rate/${study.slug}`, allowed: ["rater"], args: async () => [(await firstStepsStudy({ consentText: "You agree." })).slug] },
  trainingAnswerAction: {
    path: () => `/rate/${study.slug}`,
    allowed: ["rater"],
    args: async () => {
      const made = await firstStepsStudy({ trainingItems: 1 });
      return [made.slug, { position: 1, reference: (await trainingItem(made.id, ids.rater, 0))!.reference, choice: "left" }];
    },
  },
  saveCrowdLinkAction: { path: () => `/studies/${study.slug}/settings`, allowed: ["researcher", "admin"], args: () => [{}, form({ slug: study.slug, enabled: "on", completionCode: `C${Date.now()}`, completionUrl: "" })] },
  createStudyAction: {
    path: () => "/studies/new",
    allowed: ["researcher", "otherResearcher", "admin"],
    args: () => [{}, form({ title: "A new study", slug: `new-${Date.now()}-${Math.floor(Math.random() * 1e6)}`, target: "LIMA", baselines: "GPT-4", prompts: "own" })],
  },
  changeUserAction: { path: () => "/admin/users", allowed: ["admin"], args: () => [{}, form({ change: "role", userId: ids.spare, role: "researcher" })] },
  joinAsRaterAction: { path: () => "/invite/no-such-invitation", allowed: [], args: () => [{}, form({ token: "no-such-invitation" })] },
  signUpThroughInvitationAction: {
    path: () => "/invite/no-such-invitation",
    allowed: [],
    args: () => [{}, form({ token: "no-such-invitation", name: "Someone", email: `someone-${Date.now()}@test.local`, password: "a long enough password" })],
  },
  addJudgeAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: () => [{}, form({ slug: study.slug, name: `judge ${Math.random()}`, baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: "k", prompt: DEFAULT_JUDGE_PROMPT, concurrency: "1" })],
  },
  // A run over a study with no pairs ends at once, so that it writes nothing after its case.
  startJudgeRunAction: {
    path: () => `/studies/${empty.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: async () => [form({ slug: empty.slug, judgeId: (await judgeOn(empty.id)).id })],
  },
  cancelJudgeRunAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const judge = await judgeOn(study.id);
      await db().judgeRun.create({ data: { judgeId: judge.id } });
      return [form({ slug: study.slug, judgeId: judge.id })];
    },
  },
  // Again over the study with no pairs: it supersedes nothing, writes its run and ends at once.
  runJudgeAgainAction: {
    path: () => `/studies/${empty.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: async () => [form({ slug: empty.slug, judgeId: (await judgeOn(empty.id)).id })],
  },
  editJudgeAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const judge = await judgeOn(study.id);
      return [
        {},
        form({ slug: study.slug, judgeId: judge.id, name: `judge ${Math.random()}`, baseUrl: "http://127.0.0.1:9/v1", model: "m2", apiKey: "", prompt: DEFAULT_JUDGE_PROMPT, temperature: "0", topP: "", maxTokens: "", concurrency: "2" }),
      ];
    },
  },
  // Kept (the judge retired) and deleted with its answers, by turns.
  deleteJudgeAction: {
    path: () => `/studies/${study.slug}/settings`,
    allowed: ["researcher", "admin"],
    args: async () => [form({ slug: study.slug, judgeId: (await judgeOn(study.id)).id, answers: (deletions += 1) % 2 ? "keep" : "delete" })],
  },
  setSelfNamingAction: {
    path: () => `/studies/${study.slug}`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const { selfNaming } = await db().study.findUniqueOrThrow({ where: { id: study.id } });
      return [form({ slug: study.slug, mode: selfNaming === "show" ? "redact" : "show" })];
    },
  },
  rescanSelfNamingAction: {
    path: () => `/studies/${study.slug}`,
    allowed: ["researcher", "admin"],
    args: async () => {
      // A stale finding, which a scan puts right.
      const response = await db().response.findFirstOrThrow({ where: { prompt: { studyId: study.id } } });
      await db().response.update({ where: { id: response.id }, data: { selfNames: ["stale"] } });
      return [form({ slug: study.slug })];
    },
  },
  reviewItemAction: {
    path: () => `/studies/${study.slug}/review`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const pair = await db().pair.findFirstOrThrow({ where: { studyId: study.id }, orderBy: { id: "asc" } });
      return [form({ slug: study.slug, pairId: pair.id, decision: pair.removedAt ? "restore" : "remove" })];
    },
  },
  // Refused credentials write nothing but the throttle's count.
  signInAction: { path: () => "/sign-in", allowed: [], args: () => [{}, form({ email: "nobody@test.local", password: "not a password", callbackUrl: "/" })] },
  // Last: it pauses the study, which the cases above need open.
  setStudyStatusAction: {
    path: () => `/studies/${study.slug}`,
    allowed: ["researcher", "admin"],
    args: async () => {
      const { status } = await db().study.findUniqueOrThrow({ where: { id: study.id } });
      return [{}, form({ slug: study.slug, status: status === "open" ? "paused" : "open" })];
    },
  },
  // Very last: it ends the session of whoever signs out.
  signOutAction: { path: () => "/rate", allowed: ["rater", "otherRater", "researcher", "otherResearcher", "admin"], args: () => [] },
};

beforeAll(async () => {
  stack = await startStack({ apps: 1 });
  origin = stack.apps[0].origin;
  const users = {
    researcher: await makeUser("researcher"),
    otherResearcher: await makeUser("researcher"),
    admin: await makeUser("admin"),
    rater: await makeUser("rater"),
    otherRater: await makeUser("rater"),
  };
  study = await seedStudy({ prompts: 20, createdById: users.researcher.id, openToAllRaters: false, judgmentsPerPair: 3 });
  const other = await seedStudy({ prompts: 2, createdById: users.otherResearcher.id, openToAllRaters: false });
  empty = await seedStudy({ prompts: 0, createdById: users.researcher.id });
  await db().studyRater.createMany({ data: [{ studyId: study.id, raterId: users.rater.id }, { studyId: other.id, raterId: users.otherRater.id }] });
  cookies.anonymous = "";
  for (const [persona, user] of Object.entries(users)) cookies[persona as Persona] = await signInOverHttp(origin, user.email, user.password);
  ids.rater = users.rater.id;
  ids.spare = (await makeUser("rater")).id;
  ids.researcher = users.researcher.id;
  // The rater has a judgment in the study, so that there is a pseudonym to exclude.
  const assignmentId = await leaseFor("rater");
  await fetch(`${origin}/api/rate/${study.slug}/judgments`, { method: "POST", headers: { cookie: cookies.rater, "content-type": "application/json" }, body: JSON.stringify({ assignmentId, choice: "right" }) });
  const [row] = await db().$queryRaw<{ pseudonym: string }[]>`SELECT 'rater-' || left(md5(${study.id} || ':' || ${users.rater.id}), 10) AS pseudonym`;
  raterPseudonym = row.pseudonym;
});

afterAll(async () => {
  await stack?.close();
});

async function invoke(id: string, path: string, persona: Persona, args: unknown[]) {
  return invokeAction(origin, path, id, cookies[persona], args);
}

it("every server action changes nothing for whoever may not use it, and works for whoever may", async () => {
  const actions = serverActions();
  expect([...actions.keys()].filter((name) => !(name in CASES)), "actions without a case").toEqual([]);
  for (const [name, action] of Object.entries(CASES)) {
    const id = actions.get(name)!;
    for (const persona of PERSONAS.filter((p) => !action.allowed.includes(p))) {
      const args = await action.args();
      const before = await databaseFingerprint();
      const answer = await invoke(id, action.path(), persona, args);
      const context = `${name} as ${persona} → ${answer.status}`;
      expect(answer.status, `${context}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
      const after = await databaseFingerprint();
      expect(Object.keys(after).filter((table) => after[table] !== before[table]), `${context} wrote to`).toEqual([]);
    }
    for (const persona of action.allowed) {
      const args = await action.args();
      const before = await databaseFingerprint();
      const answer = await invoke(id, action.path(), persona, args);
      const context = `${name} as ${persona} → ${answer.status}`;
      expect(answer.status, `${context}: ${answer.text.slice(0, 300)}`).toBeLessThan(400);
      const after = await databaseFingerprint();
      expect(Object.keys(after).some((table) => after[table] !== before[table]), `${context} changed nothing: ${answer.text.slice(0, 300)}`).toBe(true);
      // A judge run started in the background has finished before the next case looks.
      await expect.poll(() => db().judgeRun.count({ where: { status: "running", judge: { studyId: empty.id } } })).toBe(0);
    }
  }
});
