import { describe, expect, it } from "vitest";
import { openStudyForRating } from "@/lib/assign/rater-loop";
import { db } from "@/lib/db";
import { importFiles } from "@/lib/importer/import-files";
import { listOpenStudies } from "@/lib/studies/find-study";
import { changeStudyStatus } from "@/lib/studies/study-status";
import { seedStudy } from "@/lib/testing/seed-study";

const promptsFile = (name: string) => ({
  name,
  open: async function* () {
    yield new TextEncoder().encode(`${JSON.stringify({ id: "late", text: "A prompt that came too late" })}\n`);
  },
});

describe("a study's lifecycle", () => {
  it("goes from draft to open, pauses and resumes, then closes for good", async () => {
    const study = await seedStudy({ prompts: 1 });
    await db().study.update({ where: { id: study.id }, data: { status: "draft" } });
    const visible = async () => (await listOpenStudies()).some((s) => s.slug === study.slug);

    expect(await visible()).toBe(false);
    await expect(openStudyForRating(study.slug)).rejects.toThrow(/No open study/);
    await expect(changeStudyStatus(study.id, "paused")).rejects.toThrow("A draft study cannot become paused.");
    await changeStudyStatus(study.id, "open");
    expect(await visible()).toBe(true);
    await changeStudyStatus(study.id, "paused");
    await expect(openStudyForRating(study.slug)).rejects.toThrow(/No open study/);
    await changeStudyStatus(study.id, "open");
    await changeStudyStatus(study.id, "closed");
    expect(await visible()).toBe(false);
    await expect(changeStudyStatus(study.id, "open")).rejects.toThrow("This study is closed: its judgments and results are final.");
  });

  it("takes no import once closed, and changes nothing", async () => {
    const study = await seedStudy({ prompts: 1 });
    await changeStudyStatus(study.id, "closed");
    const before = await db().prompt.count({ where: { studyId: study.id } });
    await expect(importFiles(study.id, [promptsFile("late.jsonl")])).rejects.toThrow(/This study is closed/);
    expect(await db().prompt.count({ where: { studyId: study.id } })).toBe(before);
  });
});
