import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { KIND_NAMES, KINDS } from "@/lib/kinds";
import { createStudy } from "@/lib/studies/create-study";
import { studySettings, updateStudySettings } from "@/lib/studies/study-settings";
import { newStudySchema } from "@/lib/validation/study";

describe("a new study's words for its raters", () => {
  it.each(KIND_NAMES)("are its kind's (%s) when the researcher leaves them empty, and again when a title is cleared", async (kind) => {
    const slug = `words-${kind}-${Date.now()}`;
    const study = await createStudy(newStudySchema.parse({ slug, title: "Words", target: "LIMA", baselines: "GPT-4", kind, prompts: "own" }), null);
    expect(await db().study.findUniqueOrThrow({ where: { id: study.id }, select: { raterTitle: true, instructions: true } })).toEqual({
      raterTitle: KINDS[kind].raterTitle,
      instructions: KINDS[kind].instructions,
    });
    await db().study.update({ where: { id: study.id }, data: { raterTitle: "Something else" } });
    expect(await updateStudySettings(study.id, { ...(await studySettings(study.id)), raterTitle: "" }, null)).toEqual({});
    expect((await db().study.findUniqueOrThrow({ where: { id: study.id } })).raterTitle).toBe(KINDS[kind].raterTitle);
  });
});
