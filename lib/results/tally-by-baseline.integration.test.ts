import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { tallyByBaseline } from "@/lib/results/tally-by-baseline";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";

describe("tallyByBaseline", () => {
  it("counts wins, ties and losses per baseline in the paper's order, leaving gold pairs out", async () => {
    const study = await seedStudy({ prompts: 2, baselines: ["Alpaca 65B", "GPT-4"], judgmentsPerPair: 1 });
    const rater = await makeUser("rater");
    const gold = await db().pair.findFirstOrThrow({ where: { studyId: study.id, baselineResponse: { system: { name: "GPT-4" } } } });
    await db().pair.update({ where: { id: gold.id }, data: { goldVerdict: "win" } });

    for (let shown = await nextAssignment(study.id, rater.id); shown; shown = await nextAssignment(study.id, rater.id)) {
      const { targetSide } = await db().assignment.findUniqueOrThrow({ where: { id: shown.assignmentId } });
      await judgeInOwnStudy(rater.id, { assignmentId: shown.assignmentId, choice: targetSide });
    }
    expect(await tallyByBaseline(study.id, EVERY_JUDGMENT)).toEqual([
      // "Both are bad" is none of this study's figures: it neither offers it nor has any.
      { baseline: "Alpaca 65B", pairs: 2, prompts: 2, wins: 2, ties: 0, losses: 0, bothBad: null },
      { baseline: "GPT-4", pairs: 1, prompts: 1, wins: 1, ties: 0, losses: 0, bothBad: null },
    ]);
  });
});
