import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { pairsOfPrompt, setGoldVerdict } from "@/lib/studies/gold-pairs";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

describe("gold pairs", () => {
  it("lists a prompt's pairs by baseline, and marks and unmarks gold until raters get the pair", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["Alpaca 65B", "GPT-4"], goldRate: 1 });
    const prompt = await db().prompt.findFirstOrThrow({ where: { studyId: study.id } });
    const pairs = await pairsOfPrompt(study.id, prompt.id);
    expect(pairs.map((p) => [p.target, p.baseline, p.goldVerdict])).toEqual([
      ["LIMA", "Alpaca 65B", null],
      ["LIMA", "GPT-4", null],
    ]);

    await setGoldVerdict(study.id, pairs[0].id, "loss");
    await setGoldVerdict(study.id, pairs[0].id, "tie");
    expect((await pairsOfPrompt(study.id, prompt.id))[0].goldVerdict).toBe("tie");

    // At gold rate 1 the rater gets the gold pair first, then the other.
    const rater = await makeUser("rater");
    const first = await nextAssignment(study.id, rater.id);
    await judgeInOwnStudy(rater.id, { assignmentId: first!.assignmentId, choice: "neither" });
    await nextAssignment(study.id, rater.id);
    await expect(setGoldVerdict(study.id, pairs[0].id, null)).rejects.toThrow(/already been given this pair/);
    await expect(setGoldVerdict(study.id, pairs[1].id, "win")).rejects.toThrow(/already been given this pair/);
    // The known answer of a gold pair may still be corrected.
    await setGoldVerdict(study.id, pairs[0].id, "win");

    const other = await seedStudy({ prompts: 1 });
    await expect(setGoldVerdict(other.id, pairs[0].id, "win")).rejects.toThrow("That pair is not in this study.");
  });
});
