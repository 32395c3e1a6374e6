import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listStudiesForRater, requireStudyForRater, studyForRater } from "@/lib/studies/rater-access";
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
    expect(await studyRaters(closedDoor.id)).toEqual([{ id: rater.id, email: rater.email }]);

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
});
