import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importFiles } from "@/lib/importer/import-files";
import { listStudiesForRater, requireStudyForRater } from "@/lib/studies/rater-access";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { studyEvents } from "@/lib/studies/study-events";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const promptsFile = (name: string) => ({
  name,
  open: async function* () {
    yield new TextEncoder().encode(`${JSON.stringify({ id: "late", text: "A prompt that came too late" })}\n`);
  },
});

describe("a study's lifecycle", () => {
  it("goes from draft to open, pauses and resumes, then closes for good", async () => {
    const owner = await makeUser("researcher");
    const study = await seedStudy({ prompts: 1, createdById: owner.id });
    await db().study.update({ where: { id: study.id }, data: { status: "draft" } });
    const rater = await makeUser("rater");
    const visible = async () => (await listStudiesForRater(rater)).some((listed) => listed.slug === study.slug);

    expect(await visible()).toBe(false);
    await expect(requireStudyForRater(study.slug, rater)).rejects.toThrow(/No open study/);
    await expect(changeStudyStatus(study.id, "paused", owner.id)).rejects.toThrow("A draft study cannot become paused.");
    await changeStudyStatus(study.id, "open", owner.id);
    expect(await visible()).toBe(true);
    await changeStudyStatus(study.id, "paused", owner.id);
    await expect(requireStudyForRater(study.slug, rater)).rejects.toThrow(/No open study/);
    await changeStudyStatus(study.id, "open", owner.id);
    await changeStudyStatus(study.id, "closed", owner.id);
    expect(await visible()).toBe(false);
    await expect(changeStudyStatus(study.id, "open", owner.id)).rejects.toThrow("This study is closed: its judgments and results are final.");
    // Every move is in the study's history, with who made it; refused moves are not.
    const history = await studyEvents(study.id);
    expect(history.map((event) => [event.before, event.after, event.actor])).toEqual([
      ["open", "closed", owner.email],
      ["paused", "open", owner.email],
      ["open", "paused", owner.email],
      ["draft", "open", owner.email],
    ]);
  });

  it("takes no import once closed, and changes nothing", async () => {
    const study = await seedStudy({ prompts: 1 });
    await changeStudyStatus(study.id, "closed", null);
    const before = await db().prompt.count({ where: { studyId: study.id } });
    await expect(importFiles(study.id, [promptsFile("late.jsonl")])).rejects.toThrow(/This study is closed/);
    expect(await db().prompt.count({ where: { studyId: study.id } })).toBe(before);
  });
});
