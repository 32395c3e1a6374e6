import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { authOptions } from "@/lib/auth";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { crowdEntryCounts, crowdLinkOf, enterThroughCrowdLink, updateCrowdLink, viewCrowdLink } from "@/lib/studies/crowd-link";
import { env } from "@/lib/env";
import { listStudiesForRater, studyForRater } from "@/lib/studies/rater-access";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";
import { crowdLinkSchema, readVisit, type Visit } from "@/lib/validation/crowd-link";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

async function studyWithCrowdLink(exportParticipantIds = false) {
  const owner = await makeUser("researcher");
  const study = await seedStudy({ prompts: 2, createdById: owner.id, openToAllRaters: false });
  await updateCrowdLink(study.id, crowdLinkSchema.parse({ enabled: "on", completionCode: "C0DE42", exportParticipantIds }), owner.id);
  const { crowdToken } = await crowdLinkOf(study.id);
  return { owner, study, token: crowdToken! };
}

function participant(pid: string, session = "s1"): Visit {
  const read = readVisit({ PROLIFIC_PID: pid, STUDY_ID: "platform-study", SESSION_ID: session });
  if ("problem" in read) throw new Error(read.problem);
  return read.visit;
}

describe("a study's crowd link", () => {
  it("gives each participant one rater identity, for this study only, with no password", async () => {
    const { study, token } = await studyWithCrowdLink();
    const openToAll = await seedStudy({ prompts: 1, openToAllRaters: true });
    const first = await enterThroughCrowdLink(token, participant("5f3a9c0d2e1b4a6f7c8d9e0a", "s1"));
    const again = await enterThroughCrowdLink(token, participant("5f3a9c0d2e1b4a6f7c8d9e0a", "s2"));
    const other = await enterThroughCrowdLink(token, participant("another-participant"));
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(first.email).toMatch(/^participant-[0-9a-f]{16}@participants\.invalid$/);
    const stored = await db().user.findUniqueOrThrow({ where: { id: first.id } });
    expect(stored).toMatchObject({ role: "rater", participantId: "5f3a9c0d2e1b4a6f7c8d9e0a", participantStudyRef: "platform-study", participantSessionRef: "s2" });

    // Their study, and not one open to every other rater.
    const asParticipant = { id: first.id, participant: true };
    expect((await listStudiesForRater(asParticipant)).map((s) => s.slug)).toEqual([study.slug]);
    expect(await studyForRater(openToAll.slug, asParticipant)).toBeNull();

    // The password sign-in never lets them in, whatever they type.
    const passwordProvider = authOptions.providers.find((provider) => provider.id === "credentials") as unknown as {
      options: { authorize: (credentials: Record<string, string>) => Promise<unknown> };
    };
    expect(await passwordProvider.options.authorize({ email: first.email, password: "!" })).toBeNull();
  });

  it("makes one identity when a participant's first visit comes twice at once", async () => {
    const { token } = await studyWithCrowdLink();
    const entered = await Promise.all(Array.from({ length: 4 }, () => enterThroughCrowdLink(token, participant("double-click"))));
    expect(new Set(entered.map((user) => user.id)).size).toBe(1);
  });

  it("stops working when turned off, or while the study is not open, and keeps its secret when saved again", async () => {
    const { owner, study, token } = await studyWithCrowdLink();
    await updateCrowdLink(study.id, crowdLinkSchema.parse({ enabled: "on", completionCode: "NEW1" }), owner.id);
    expect((await crowdLinkOf(study.id)).crowdToken).toBe(token);

    await db().study.update({ where: { id: study.id }, data: { status: "paused" } });
    expect((await viewCrowdLink(token))?.refusal).toMatch(/not taking participants now/);
    await expect(enterThroughCrowdLink(token, participant("late"))).rejects.toThrow(/not taking participants now/);
    await db().study.update({ where: { id: study.id }, data: { status: "open" } });

    await updateCrowdLink(study.id, crowdLinkSchema.parse({ completionCode: "NEW1" }), owner.id);
    expect(await viewCrowdLink(token)).toBeNull();
    await expect(enterThroughCrowdLink(token, participant("late"))).rejects.toThrow(/not valid/);
    const history = await db().studyEvent.findMany({ where: { studyId: study.id }, orderBy: { createdAt: "asc" } });
    expect(history.map((event) => [event.what, event.before, event.after])).toEqual([
      ["crowd link", "off", "on"],
      ["completion code", "none", "C0DE42"],
      ["completion code", "C0DE42", "NEW1"],
      ["crowd link", "on", "off"],
    ]);
  });

  it("names what is wrong with its settings and with a participant's ids", () => {
    const settings = crowdLinkSchema.safeParse({ enabled: "on", completionCode: "has space", completionUrl: "javascript:alert(1)" });
    expect(settings.success).toBe(false);
    expect(Object.fromEntries(settings.error!.issues.map((issue) => [issue.path[0], issue.message]))).toEqual({
      completionCode: "may hold only letters, digits, hyphens and underscores",
      completionUrl: "must be a web address (https://…)",
    });
    expect(crowdLinkSchema.safeParse({ enabled: "on" }).error?.issues[0].message).toMatch(/is needed while the crowd link is on/);
    expect(readVisit({ PROLIFIC_PID: "<script>" })).toHaveProperty("problem");
    expect(readVisit({})).toHaveProperty("problem");
  });

  it("exports participants as pseudonyms, and their platform ids only when the researchers choose to", async () => {
    for (const exportIds of [false, true]) {
      const { study, token } = await studyWithCrowdLink(exportIds);
      const user = await enterThroughCrowdLink(token, participant(`pid-${exportIds}`, "session-9"));
      const shown = await nextAssignment(study.id, user.id);
      await judgeInOwnStudy(user.id, { assignmentId: shown!.assignmentId, choice: "left" });
      const [row] = parse(await readAll(await judgmentsExport(study.id, "csv")), { columns: true }) as Record<string, string>[];
      expect(row.rater).toMatch(/^rater-[0-9a-f]{10}$/);
      expect([row.participant_id, row.participant_session_id]).toEqual(exportIds ? [`pid-${exportIds}`, "session-9"] : ["", ""]);
    }
  });
});

describe("a crowd link cannot be stuffed", () => {
  const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

  it("takes no new participant past its cap, but lets those it has come back; the refusals are counted", async () => {
    const { owner, study, token } = await studyWithCrowdLink();
    await updateCrowdLink(study.id, crowdLinkSchema.parse({ enabled: "on", completionCode: "C0DE42", crowdCap: "3" }), owner.id);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => enterThroughCrowdLink(token, participant(`capped-${i}`), `203.0.113.${i}`)));
    const admitted = results.filter((result) => result.status === "fulfilled");
    expect(admitted).toHaveLength(3);
    for (const result of results) if (result.status === "rejected") expect(String(result.reason)).toMatch(/has all the participants it asked for/);
    // One of the three comes back: still in.
    const back = results.findIndex((result) => result.status === "fulfilled");
    await enterThroughCrowdLink(token, participant(`capped-${back}`), "203.0.113.200");
    expect((await viewCrowdLink(token, participant(`capped-${back}`)))?.refusal).toBeNull();
    expect((await viewCrowdLink(token, participant("someone-new")))?.refusal).toMatch(/has all the participants/);
    expect(await crowdEntryCounts(study.id)).toEqual({ participants: 3, overCap: 5, throttled: 0 });
  });

  it("makes at most the throttle's number of new identities per address, counted atomically", async () => {
    const { study, token } = await studyWithCrowdLink();
    const { study: other, token: otherToken } = await studyWithCrowdLink();
    const from = address();
    // 30 first visits at once from one address, over two studies: the limit is per address.
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => enterThroughCrowdLink(i % 2 ? token : otherToken, participant(`stuffed-${i}`), from)),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(env().CROWD_ENTRIES_PER_ADDRESS);
    for (const result of results) if (result.status === "rejected") expect(String(result.reason)).toMatch(/Too many new participants came from your network/);
    const counts = [await crowdEntryCounts(study.id), await crowdEntryCounts(other.id)];
    expect(counts.reduce((sum, c) => sum + c.throttled, 0)).toBe(30 - env().CROWD_ENTRIES_PER_ADDRESS);
    // Another address is not held back, and a participant already in comes back from the same one.
    await enterThroughCrowdLink(token, participant("elsewhere"), address().replace("198.51.100", "192.0.2"));
    const admittedPid = results.findIndex((result, i) => result.status === "fulfilled" && i % 2 === 1);
    await enterThroughCrowdLink(token, participant(`stuffed-${admittedPid}`), from);
  });
});

describe("the end of a crowd participant's work", () => {
  it("gives the completion code only to one who judged; one who got no pair is told there is no work", async () => {
    const { owner, study, token } = await studyWithCrowdLink();
    await updateCrowdLink(study.id, crowdLinkSchema.parse({ enabled: "on", completionCode: "C0DE42", noWorkCode: "NOWORK7" }), owner.id);
    const early = await enterThroughCrowdLink(token, participant("early"), "192.0.2.10");
    for (let shown = await nextAssignment(study.id, early.id); shown; shown = await nextAssignment(study.id, early.id)) {
      await judgeInOwnStudy(early.id, { assignmentId: shown.assignmentId, choice: "left" });
    }
    const late = await enterThroughCrowdLink(token, participant("late"), "192.0.2.11");
    expect(await nextAssignment(study.id, late.id)).toBeNull();
    expect(await raterProgress(study.id, late.id)).toMatchObject({ done: 0, remaining: 0 });
    expect(await raterProgress(study.id, early.id)).toMatchObject({ done: 4, remaining: 0 });
    expect(await crowdLinkOf(study.id)).toMatchObject({ completionCode: "C0DE42", noWorkCode: "NOWORK7" });
  });
});
