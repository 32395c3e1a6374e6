import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_MARKER } from "@/lib/seed/demo-responses";
import { DEMO_STUDY_SLUG, seedDemoStudy } from "@/lib/seed/demo-study";
import { verifyPassword } from "@/lib/users/passwords";

describe("seedDemoStudy", () => {
  it("seeds the LIMA test set, six systems, marked demo responses and one pair per prompt and baseline, once", async () => {
    const first = await seedDemoStudy();
    expect(first).toMatchObject({ created: true, prompts: 300, pairs: 1500 });
    expect(first.accounts.map((a) => a.role).sort()).toEqual(["rater", "researcher"]);
    for (const account of first.accounts) {
      const user = await db().user.findUniqueOrThrow({ where: { email: account.email } });
      expect(await verifyPassword(account.password, user.passwordHash)).toBe(true);
    }

    const study = await db().study.findUniqueOrThrow({
      where: { slug: DEMO_STUDY_SLUG },
      include: { targetSystem: true, systems: { orderBy: { position: "asc" } } },
    });
    expect(study.targetSystem?.name).toBe("LIMA");
    expect(study.systems.map((s) => s.name)).toEqual(["LIMA", "Alpaca 65B", "DaVinci003", "Bard", "Claude", "GPT-4"]);
    const responses = await db().response.findMany({ where: { prompt: { studyId: study.id } }, select: { text: true } });
    expect(responses).toHaveLength(1800);
    expect(responses.every((r) => r.text.startsWith(DEMO_MARKER))).toBe(true);
    expect(await db().prompt.count({ where: { studyId: study.id, source: "reddit-askreddit" } })).toBe(70);

    expect(await seedDemoStudy()).toMatchObject({ created: false, accounts: [] });
    expect(await db().pair.count({ where: { studyId: study.id } })).toBe(1500);
  });
});
