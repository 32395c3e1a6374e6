import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addCollaborator, removeCollaborator, studyResearchers } from "@/lib/studies/collaborators";
import { findStudyFor, listStudies, requireStudyFor } from "@/lib/studies/study-access";
import { studyEvents } from "@/lib/studies/study-events";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

describe("who may open a study", () => {
  it("lets in its owner, the researchers they add and admins; no one else learns it exists", async () => {
    const [owner, other, admin, rater] = await Promise.all([makeUser("researcher"), makeUser("researcher"), makeUser("admin"), makeUser("rater")]);
    const study = await seedStudy({ prompts: 1, createdById: owner.id });
    const opens = async (viewer: { id: string; role: "admin" | "researcher" | "rater" }) => (await findStudyFor(study.slug, viewer))?.id === study.id;

    expect(await opens(owner)).toBe(true);
    expect(await opens(admin)).toBe(true);
    expect(await opens(other)).toBe(false);
    expect(await opens(rater)).toBe(false);
    await expect(requireStudyFor(study.slug, other)).rejects.toThrow(`No study with the slug "${study.slug}".`);
    expect((await listStudies(other)).map((listed) => listed.slug)).not.toContain(study.slug);

    await addCollaborator(study.id, other.email.toUpperCase(), owner.id);
    expect(await opens(other)).toBe(true);
    expect((await listStudies(other)).map((listed) => listed.slug)).toContain(study.slug);
    expect(await studyResearchers(study.id)).toEqual({ owner: owner.email, collaborators: [{ id: other.id, email: other.email }] });

    await removeCollaborator(study.id, other.id, owner.id);
    expect(await opens(other)).toBe(false);
    expect((await studyEvents(study.id)).map((event) => [event.what, event.after, event.actor])).toEqual([
      ["collaborator removed", other.email, owner.email],
      ["collaborator added", other.email, owner.email],
    ]);
  });

  it("refuses to add a rater, an unknown or disabled account, the owner, or someone twice, saying which", async () => {
    const [owner, colleague, rater, gone] = await Promise.all([makeUser("researcher"), makeUser("researcher"), makeUser("rater"), makeUser("researcher")]);
    await db().user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    const study = await seedStudy({ prompts: 1, createdById: owner.id });
    await expect(addCollaborator(study.id, rater.email, owner.id)).rejects.toThrow(`No active researcher account has the email "${rater.email}".`);
    await expect(addCollaborator(study.id, "nobody@example.com", owner.id)).rejects.toThrow(/No active researcher account/);
    await expect(addCollaborator(study.id, gone.email, owner.id)).rejects.toThrow(/No active researcher account/);
    await expect(addCollaborator(study.id, owner.email, owner.id)).rejects.toThrow("That researcher owns this study already.");
    await addCollaborator(study.id, colleague.email, owner.id);
    await expect(addCollaborator(study.id, colleague.email, owner.id)).rejects.toThrow("That researcher is on this study already.");
    expect((await studyResearchers(study.id)).collaborators).toHaveLength(1);
  });

  it("opens a study made from the command line, which has no owner, to every researcher", async () => {
    const study = await seedStudy({ prompts: 1 });
    await db().study.update({ where: { id: study.id }, data: { createdById: null } });
    expect(await findStudyFor(study.slug, await makeUser("researcher"))).not.toBeNull();
    expect(await findStudyFor(study.slug, await makeUser("rater"))).toBeNull();
  });
});
