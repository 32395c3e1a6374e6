import { readFileSync } from "node:fs";
import path from "node:path";
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

  it("were the pairwise study's in single-answer studies made before, and a migration gives them their own unless changed", async () => {
    const made = await Promise.all(
      (["absolute", "likert", "pairwise"] as const).map(async (kind, n) => {
        const study = await createStudy(newStudySchema.parse({ slug: `old-words-${kind}-${Date.now()}`, title: "Old", target: "LIMA", kind }), null);
        // As the app wrote them then: the pairwise words whatever the kind; one researcher changed the title.
        await db().study.update({ where: { id: study.id }, data: { raterTitle: n === 1 ? "Rate these" : KINDS.pairwise.raterTitle, instructions: KINDS.pairwise.instructions } });
        return { kind, id: study.id };
      }),
    );
    await db().$executeRawUnsafe(readFileSync(path.resolve("prisma/migrations/20261202030358_single_answer_wording/migration.sql"), "utf8"));
    const words = await Promise.all(made.map(({ id }) => db().study.findUniqueOrThrow({ where: { id }, select: { raterTitle: true, instructions: true } })));
    expect(words).toEqual([
      { raterTitle: KINDS.absolute.raterTitle, instructions: KINDS.absolute.instructions },
      { raterTitle: "Rate these", instructions: KINDS.likert.instructions },
      { raterTitle: KINDS.pairwise.raterTitle, instructions: KINDS.pairwise.instructions },
    ]);
  });
});
