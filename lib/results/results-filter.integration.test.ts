import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { excludeRater, includeRater } from "@/lib/results/rater-exclusion";
import { EVERY_JUDGMENT, type ResultsFilter } from "@/lib/results/results-filter";
import { raterRows, studyResults } from "@/lib/results/study-results";
import { studyEvents } from "@/lib/studies/study-events";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

async function judged(filter: ResultsFilter, studyId: string) {
  const { baselines } = await studyResults(studyId, "every", filter);
  return baselines.map(({ wins, ties, losses }) => [wins, ties, losses]);
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

describe("the results filter", () => {
  // Two raters on two ordinary pairs and one gold pair: the careful one always says win, on
  // 1 March; the other always says loss, on 3 March.
  async function studyWithTwoRaters() {
    const study = await seedStudy({ prompts: 3, baselines: ["Bard"], judgmentsPerPair: 2 });
    const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await db().pair.update({ where: { id: pairs[2].id }, data: { goldVerdict: "win" } });
    const [careful, contrary] = await Promise.all([makeUser("rater"), makeUser("rater")]);
    for (const [rater, verdict, createdAt] of [
      [careful, "win", new Date("2026-03-01T12:00:00Z")],
      [contrary, "loss", new Date("2026-03-03T12:00:00Z")],
    ] as const) {
      for (const pair of pairs) {
        const assignment = await db().assignment.create({ data: { pairId: pair.id, raterId: rater.id, targetSide: "left", status: "done", leaseExpiresAt: createdAt } });
        await db().judgment.create({
          data: { assignmentId: assignment.id, studyId: pair.studyId, pairId: pair.id, raterId: rater.id, targetSide: "left", verdict, choice: verdict === "win" ? "left" : "right", timeOnTaskMs: 1, createdAt },
        });
      }
    }
    const rows = await raterRows(study.id, EVERY_JUDGMENT);
    const pseudonym = (verdictShare: "left" | "right") => rows.find((row) => row[verdictShare] > 0)!.rater;
    return { study, careful: pseudonym("left"), contrary: pseudonym("right") };
  }

  it("counts a time range, chosen raters, and gold pairs only when asked", async () => {
    const { study, careful } = await studyWithTwoRaters();
    expect(await judged(EVERY_JUDGMENT, study.id)).toEqual([[2, 0, 2]]);
    expect(await judged({ ...EVERY_JUDGMENT, gold: true }, study.id)).toEqual([[3, 0, 3]]);
    expect(await judged({ ...EVERY_JUDGMENT, from: new Date("2026-03-02T00:00:00Z") }, study.id)).toEqual([[0, 0, 2]]);
    expect(await judged({ ...EVERY_JUDGMENT, to: new Date("2026-03-02T00:00:00Z") }, study.id)).toEqual([[2, 0, 0]]);
    expect(await judged({ ...EVERY_JUDGMENT, raters: [careful] }, study.id)).toEqual([[2, 0, 0]]);
  });

  it("leaves an excluded rater out of the results, keeps and marks their judgments in exports, and lets them back in", async () => {
    const { study, contrary } = await studyWithTwoRaters();
    const owner = await makeUser("researcher");
    await excludeRater(study.id, contrary, owner.id, "clicked the right answer every time");

    expect(await judged(EVERY_JUDGMENT, study.id)).toEqual([[2, 0, 0]]);
    const rows = await raterRows(study.id, EVERY_JUDGMENT);
    expect(rows.find((row) => row.rater === contrary)).toMatchObject({ excluded: true, judgments: 2 });
    const exported = (await readAll(await judgmentsExport(study.id, "jsonl"))).trim().split("\n").map((line) => JSON.parse(line));
    expect(exported).toHaveLength(6);
    expect(exported.filter((row) => row.excluded).map((row) => row.rater)).toEqual([contrary, contrary, contrary]);
    expect(await db().judgment.count({ where: { pair: { studyId: study.id } } })).toBe(6);

    await includeRater(study.id, contrary, owner.id);
    expect(await judged(EVERY_JUDGMENT, study.id)).toEqual([[2, 0, 2]]);
    expect((await studyEvents(study.id)).map((event) => [event.what, event.after, event.actor])).toEqual([
      ["rater included", contrary, owner.email],
      ["rater excluded", `${contrary}: clicked the right answer every time`, owner.email],
    ]);
    await expect(excludeRater(study.id, "rater-0000000000", owner.id, null)).rejects.toThrow(/No rater "rater-0000000000"/);
  });
});
