import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { previewItem } from "@/lib/studies/preview-item";
import { seedStudy } from "@/lib/testing/seed-study";

describe("previewItem", () => {
  it("gives a study's items in the order of its prompts, on either side in turn, and hands nothing out", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Claude"] });
    const first = await previewItem(study.id, 1);
    expect(first).toMatchObject({ number: 1, of: 2, item: { prompt: { text: `Question 1 of ${study.slug}?`, history: [] } } });
    expect(first!.item).toMatchObject({ left: { text: "Response of system 0 to question 1." }, right: { text: "Response of system 1 to question 1." } });
    const second = await previewItem(study.id, 2);
    expect(second!.item).toMatchObject({ left: { text: "Response of system 1 to question 2." }, right: { text: "Response of system 0 to question 2." } });
    // Out of range: the nearest example.
    expect((await previewItem(study.id, 99))?.number).toBe(2);
    expect((await previewItem(study.id, 0))?.number).toBe(1);
    expect(await db().assignment.count({ where: { pair: { studyId: study.id } } })).toBe(0);
    expect(await previewItem((await seedStudy({ prompts: 0 })).id, 1)).toBeNull();
  });

  it("shows one answer in a single-answer study, and hides self-naming as the study's raters see it", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Claude"], kind: "absolute" });
    await db().response.updateMany({ where: { prompt: { studyId: study.id } }, data: { text: "As Claude, I think so.", selfNames: ["Claude"] } });
    const shown = await previewItem(study.id, 1);
    expect(shown!.item).toMatchObject({ answer: { text: "As Claude, I think so." } });
    expect(shown!.item).not.toHaveProperty("left");
    await db().study.update({ where: { id: study.id }, data: { selfNaming: "redact" } });
    const hidden = await previewItem(study.id, 1);
    expect("answer" in hidden!.item && hidden!.item.answer.text).not.toContain("Claude");
  });
});
