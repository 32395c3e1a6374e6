import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { listStudiesForRater, requireStudyForRater, studyForRater, whyNotOpen } from "@/lib/studies/rater-access";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { letRaterIn, letRaterOut, studyRaters } from "@/lib/studies/study-raters";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

describe("which studies a rater may judge", () => {
  it("only those they were let into, while open, unless a study is open to every rater", async () => {
    const [owner, rater, other] = await Promise.all([makeUser("researcher"), makeUser("rater"), makeUser("rater")]);
    const closedDoor = await seedStudy({ prompts: 1, createdById: owner.id, openToAllRaters: false });
    const openDoor = await seedStudy({ prompts: 1, createdById: owner.id, openToAllRaters: true });
    const listed = async (rater: { id: string; participant: boolean }) => (await listStudiesForRater(rater)).map((study) => study.slug);

    expect(await listed(rater)).toContain(openDoor.slug);
    expect(await listed(rater)).not.toContain(closedDoor.slug);
    expect(await studyForRater(closedDoor.slug, rater)).toBeNull();
    await expect(requireStudyForRater(closedDoor.slug, rater)).rejects.toThrow(`No open study "${closedDoor.slug}".`);

    await letRaterIn(closedDoor.id, rater.email, owner.id);
    expect(await listed(rater)).toContain(closedDoor.slug);
    expect(await listed(other)).not.toContain(closedDoor.slug);
    expect(await studyRaters(closedDoor.id)).toEqual([
      { id: rater.id, rater: expect.stringMatching(/^rater-[0-9a-f]{10}$/), identity: { email: rater.email, name: null, platform: null, platformId: null } },
    ]);

    // Let in, but the study paused: not now.
    await db().study.update({ where: { id: closedDoor.id }, data: { status: "paused" } });
    expect(await studyForRater(closedDoor.slug, rater)).toBeNull();
    await db().study.update({ where: { id: closedDoor.id }, data: { status: "open" } });

    await letRaterOut(closedDoor.id, rater.id, owner.id);
    expect(await studyForRater(closedDoor.slug, rater)).toBeNull();
  });

  it("lets in only active rater accounts, once, and says why not", async () => {
    const [owner, researcher, rater] = await Promise.all([makeUser("researcher"), makeUser("researcher"), makeUser("rater")]);
    const study = await seedStudy({ prompts: 1, createdById: owner.id, openToAllRaters: false });
    await expect(letRaterIn(study.id, researcher.email, owner.id)).rejects.toThrow(`No active rater account has the email "${researcher.email}".`);
    await expect(letRaterIn(study.id, "nobody@example.com", owner.id)).rejects.toThrow(/No active rater account/);
    await letRaterIn(study.id, ` ${rater.email.toUpperCase()} `, owner.id);
    await expect(letRaterIn(study.id, rater.email, owner.id)).rejects.toThrow("That rater is let in already.");
    await expect(letRaterOut(study.id, researcher.id, owner.id)).rejects.toThrow("That rater is not let into this study.");
  });

  it("lists a rater's studies by the title for raters, with their kind and the rules their progress is counted by", async () => {
    const owner = await makeUser("researcher");
    const rater = await makeUser("rater");
    const study = await seedStudy({ prompts: 1, createdById: owner.id, openToAllRaters: false, quotaPerRater: 1 });
    await db().study.update({ where: { id: study.id }, data: { raterTitle: "Compare two answers" } });
    await letRaterIn(study.id, rater.email, owner.id);
    const [listed] = (await listStudiesForRater(rater)).filter((row) => row.slug === study.slug);
    expect(listed).toMatchObject({ slug: study.slug, raterTitle: "Compare two answers", kind: "pairwise", id: study.id, quotaPerRater: 1 });
    expect(listed).not.toHaveProperty("title");
  });

  it("says why a study is not open: paused or ended to raters let in, even before their first pair; let out to those who took part; nothing to anyone else", async () => {
    const [owner, letIn, judged, stranger] = await Promise.all([makeUser("researcher"), makeUser("rater"), makeUser("rater"), makeUser("rater")]);
    const study = await seedStudy({ prompts: 2, createdById: owner.id, openToAllRaters: false });
    await letRaterIn(study.id, letIn.email, owner.id);
    await letRaterIn(study.id, judged.email, owner.id);
    await nextAssignment(study.id, judged.id);
    const { raterTitle } = await db().study.findUniqueOrThrow({ where: { id: study.id } });

    // Open: nothing to explain (the page shows the study).
    expect(await whyNotOpen(study.slug, stranger)).toBeNull();

    await changeStudyStatus(study.id, "paused", owner.id);
    expect(await whyNotOpen(study.slug, letIn)).toEqual({ title: raterTitle, reason: "This study is paused for now: please come back later." });
    expect(await whyNotOpen(study.slug, judged)).toEqual({ title: raterTitle, reason: "This study is paused. Nothing you judged is lost: please come back later." });
    expect(await whyNotOpen(study.slug, stranger)).toBeNull();

    // Open to every rater: every rater is told it is paused.
    await db().study.update({ where: { id: study.id }, data: { openToAllRaters: true } });
    expect((await whyNotOpen(study.slug, stranger))?.reason).toBe("This study is paused for now: please come back later.");
    await db().study.update({ where: { id: study.id }, data: { openToAllRaters: false } });

    await changeStudyStatus(study.id, "closed", owner.id);
    expect((await whyNotOpen(study.slug, letIn))?.reason).toBe("This study has ended.");
    expect((await whyNotOpen(study.slug, judged))?.reason).toBe("This study has ended. Thank you for taking part.");
    expect(await whyNotOpen(study.slug, stranger)).toBeNull();

    // Let out: told so if they took part, and nothing otherwise.
    const other = await seedStudy({ prompts: 2, createdById: owner.id, openToAllRaters: false });
    await letRaterIn(other.id, letIn.email, owner.id);
    await letRaterIn(other.id, judged.email, owner.id);
    await nextAssignment(other.id, judged.id);
    await letRaterOut(other.id, letIn.id, owner.id);
    await letRaterOut(other.id, judged.id, owner.id);
    expect(await whyNotOpen(other.slug, letIn)).toBeNull();
    expect((await whyNotOpen(other.slug, judged))?.reason).toMatch(/^You are no longer taking part in this study/);

    // A draft is invisible, let in or not.
    const draft = await seedStudy({ prompts: 1, createdById: owner.id, openToAllRaters: true });
    await db().study.update({ where: { id: draft.id }, data: { status: "draft" } });
    expect(await whyNotOpen(draft.slug, letIn)).toBeNull();
  });

  it("tells a crowd participant their own study is paused, and nothing of another", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 1, createdById: owner.id, openToAllRaters: false });
    const elsewhere = await seedStudy({ prompts: 1, createdById: owner.id, openToAllRaters: true });
    const participant = await makeUser("rater");
    await db().user.update({ where: { id: participant.id }, data: { participantId: `p-${participant.id}`, participantOfStudyId: study.id } });
    const asParticipant = { id: participant.id, participant: true };
    await changeStudyStatus(study.id, "paused", owner.id);
    await changeStudyStatus(elsewhere.id, "paused", owner.id);
    expect((await whyNotOpen(study.slug, asParticipant))?.reason).toBe("This study is paused for now: please come back later.");
    expect(await whyNotOpen(elsewhere.slug, asParticipant)).toBeNull();
  });
});
