import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment, raterProgress } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { answerRaterRows } from "@/lib/results/answer-raters";
import { answerResults } from "@/lib/results/answer-results";
import { answerRatersCsv, answerSummaryCsv } from "@/lib/export/answer-summary-csv";
import { excludeRater } from "@/lib/results/rater-exclusion";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const labelsBySystem = async (id: string) => (await answerResults({ id, kind: "absolute" }, EVERY_JUDGMENT)).systems.map(({ system, labels }) => ({ system, ...labels! }));

describe("an absolute study", () => {
  it("hands out each answer alone, takes labels and refuses a side, and counts labels per system", async () => {
    const study = await seedStudy({ kind: "absolute", prompts: 3, baselines: ["Alpaca 65B"], judgmentsPerPair: 2 });
    // One item per answer: 3 prompts × 2 systems.
    expect(await db().pair.count({ where: { studyId: study.id, baselineResponseId: null } })).toBe(6);
    expect(await db().pair.count({ where: { studyId: study.id } })).toBe(6);

    const [first, second, owner] = await Promise.all([makeUser("rater"), makeUser("rater"), makeUser("researcher")]);
    const shown = await nextAssignment(study.id, first.id);
    expect(Object.keys(shown!).sort()).toEqual(["answer", "assignmentId", "prompt"]);
    await expect(judgeInOwnStudy(first.id, { assignmentId: shown!.assignmentId, choice: "left" })).rejects.toThrow("This answer asks for a label: fail, pass or excellent.");

    // Each rater labels every answer: the target's excellent, Alpaca's pass, and one fail each.
    for (const [rater, failOn] of [
      [first, 0],
      [second, 1],
    ] as const) {
      for (let n = 0; ; n++) {
        const item = await nextAssignment(study.id, rater.id);
        if (!item) break;
        const answer = "answer" in item ? item.answer.text : "";
        const label = n === failOn ? "fail" : answer.startsWith("Response of system 0") ? "excellent" : "pass";
        await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, label });
      }
      expect(await raterProgress(study.id, rater.id)).toMatchObject({ done: 6, remaining: 0 });
    }

    const systems = await labelsBySystem(study.id);
    expect(systems.map(({ system, answers, labels, excellent, pass, fail }) => ({ system, answers, labels, excellent, pass, fail }))).toEqual([
      expect.objectContaining({ system: "LIMA", answers: 3, labels: 6 }),
      expect.objectContaining({ system: "Alpaca 65B", answers: 3, labels: 6 }),
    ]);
    const total = systems.reduce((sum, s) => sum + s.fail, 0);
    expect(total).toBe(2);
    for (const system of systems) {
      expect(system.excellent + system.pass + system.fail).toBe(6);
      expect(system.intervals!.passOrBetter.estimate).toBeCloseTo((system.excellent + system.pass) / 6, 10);
    }
    const lima = systems[0];
    expect(lima.intervals!.excellent.estimate).toBeCloseTo(lima.excellent / 6, 10);

    // Labels are no verdicts: the pairs' verdict counts stay empty; the raters' rows count them.
    const counts = await db().pair.aggregate({ where: { studyId: study.id }, _sum: { wins: true, ties: true, losses: true } });
    expect(counts._sum).toEqual({ wins: 0, ties: 0, losses: 0 });
    const raters = await answerRaterRows({ id: study.id, kind: "absolute" }, EVERY_JUDGMENT);
    expect(raters.map((row) => row.judgments)).toEqual([6, 6]);
    // Each rater's labels as [fail, pass, excellent]: one fail, then the target's three excellent and Alpaca's two or three passes.
    for (const row of raters) expect(row.counts.reduce((sum, count) => sum + count, 0)).toBe(6);
    expect(raters.every((row) => row.counts[0] === 1 && row.meanScore === null)).toBe(true);

    // The download: one row per label, the system named, the rater by pseudonym.
    const rows = parse(await readAll(await judgmentsExport(study.id, "csv", "absolute")), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((row) => row.system))).toEqual(new Set(["LIMA", "Alpaca 65B"]));
    expect(rows.filter((row) => row.label === "fail")).toHaveLength(2);
    expect(rows.every((row) => /^rater-[0-9a-f]{10}$/.test(row.rater) && row.excluded === "false")).toBe(true);

    // The filter picks one rater's labels; the summary download shows what the page does.
    const [{ rater: pseudonym }] = raters;
    const one = await answerResults({ id: study.id, kind: "absolute" }, { ...EVERY_JUDGMENT, raters: [pseudonym] });
    expect(one.systems.reduce((sum, s) => sum + s.labels!.labels, 0)).toBe(6);
    expect(one.agreement.fleiss.items).toBe(0);
    const summary = parse(await answerSummaryCsv({ id: study.id, kind: "absolute" }, EVERY_JUDGMENT), { columns: true }) as Record<string, string>[];
    expect(summary.map((row) => [row.system, row.turn, row.labels])).toEqual([
      ["LIMA", "all", "6"],
      ["Alpaca 65B", "all", "6"],
    ]);
    expect(Number(summary[0].agreement_items)).toBe(3);
    const ratersCsv = parse(await answerRatersCsv({ id: study.id, kind: "absolute" }, EVERY_JUDGMENT), { columns: true }) as Record<string, string>[];
    expect(ratersCsv.map((row) => Number(row.given_fail))).toEqual([1, 1]);

    // An excluded rater's labels leave the counts.
    await excludeRater(study.id, pseudonym, owner.id, null);
    expect((await labelsBySystem(study.id)).reduce((sum, s) => sum + s.labels, 0)).toBe(6);
  });

  it("keeps pairwise studies asking for a side", async () => {
    const study = await seedStudy({ prompts: 1, baselines: ["GPT-4"] });
    const rater = await makeUser("rater");
    const shown = await nextAssignment(study.id, rater.id);
    await expect(judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, label: "pass" })).rejects.toThrow(/asks which answer is better/);
  });
});
