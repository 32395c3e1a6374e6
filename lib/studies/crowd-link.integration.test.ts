import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { authOptions } from "@/lib/auth";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { crowdLinkOf, enterThroughCrowdLink, updateCrowdLink, viewCrowdLink } from "@/lib/studies/crowd-link";
import { listStudiesForRater, studyForRater } from "@/lib/studies/rater-access";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";
import { crowdLinkSchema, participantSchema } from "@/lib/validation/crowd-link";

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

const participant = (pid: string, session = "s1") => participantSchema.parse({ PROLIFIC_PID: pid, STUDY_ID: "platform-study", SESSION_ID: session });

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
    expect(participantSchema.safeParse({ PROLIFIC_PID: "<script>" }).success).toBe(false);
    expect(participantSchema.safeParse({}).success).toBe(false);
  });

  it("exports participants as pseudonyms, and their platform ids only when the researchers choose to", async () => {
    for (const exportIds of [false, true]) {
      const { study, token } = await studyWithCrowdLink(exportIds);
      const user = await enterThroughCrowdLink(token, participant(`pid-${exportIds}`, "session-9"));
      const shown = await nextAssignment(study.id, user.id);
      await judgeInOwnStudy(user.id, { assignmentId: shown!.assignmentId, choice: "left" });
      const [row] = parse(await readAll(judgmentsExport(study.id, "csv")), { columns: true }) as Record<string, string>[];
      expect(row.rater).toMatch(/^rater-[0-9a-f]{10}$/);
      expect([row.participant_id, row.participant_session_id]).toEqual(exportIds ? [`pid-${exportIds}`, "session-9"] : ["", ""]);
    }
  });
});
