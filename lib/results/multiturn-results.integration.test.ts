import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { judgmentsExport } from "@/lib/export/judgments-export";
import { answerResults } from "@/lib/results/answer-results";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("a multi-turn study", () => {
  it("takes one label per assistant turn and counts them per system and turn position", async () => {
    const study = await seedStudy({ kind: "multiturn", prompts: 2, baselines: ["Alpaca 65B"] });
    // LIMA's answers hold three turns each; Alpaca's are single answers, one turn.
    const lima = await db().system.findFirstOrThrow({ where: { studyId: study.id, name: "LIMA" } });
    await db().response.updateMany({ where: { systemId: lima.id }, data: { turns: ["First.", "Second.", "Third."] } });
    const rater = await makeUser("rater");

    const seen: string[] = [];
    let conversations = 0;
    for (;;) {
      const item = await nextAssignment(study.id, rater.id);
      if (!item || !("answer" in item)) break;
      const turns = item.answer.turns?.length ?? 1;
      if (turns === 3) {
        await expect(judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, turnLabels: ["pass"] })).rejects.toThrow(
          "This conversation has 3 assistant turns: label each one Fail, Pass or Excellent.",
        );
        // The third turn: a pass in the first conversation, a fail in the second.
        await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, turnLabels: ["excellent", "pass", conversations++ === 0 ? "pass" : "fail"] });
      } else {
        await expect(judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, label: "pass" })).rejects.toThrow(/label each one/);
        await judgeInOwnStudy(rater.id, { assignmentId: item.assignmentId, turnLabels: ["fail"] });
      }
      seen.push(item.assignmentId);
    }
    expect(seen).toHaveLength(4);

    const [limaTurns, alpacaTurns] = (await answerResults({ id: study.id, kind: "multiturn" }, EVERY_JUDGMENT)).systems.map(({ system, labels, byTurn }) => ({ system, overall: labels!, byTurn }));
    expect(limaTurns.system).toBe("LIMA");
    expect(limaTurns.overall).toMatchObject({ answers: 2, labels: 6, excellent: 2, pass: 3, fail: 1 });
    expect(limaTurns.byTurn.map(({ turn, answers, excellent, pass, fail }) => ({ turn, answers, excellent, pass, fail }))).toEqual([
      { turn: 1, answers: 2, excellent: 2, pass: 0, fail: 0 },
      { turn: 2, answers: 2, excellent: 0, pass: 2, fail: 0 },
      { turn: 3, answers: 2, excellent: 0, pass: 1, fail: 1 },
    ]);
    // Two answers, both Excellent: Wilson's interval for 2 of 2 (statsmodels: 0.3423802275 – 1), never 100–100.
    expect(limaTurns.byTurn[0].intervals!.excellent).toMatchObject({ estimate: 1, upper: 1, designEffect: 1 });
    expect(limaTurns.byTurn[0].intervals!.excellent.lower).toBeCloseTo(0.3423802275, 9);
    expect(alpacaTurns.overall).toMatchObject({ answers: 2, labels: 2, fail: 2 });

    const rows = parse(await readAll(await judgmentsExport(study.id, "csv", "multiturn")), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(8);
    expect(rows.filter((row) => row.system === "LIMA").map((row) => row.turn)).toEqual(["1", "2", "3", "1", "2", "3"]);
    expect(rows.filter((row) => row.system === "Alpaca 65B").every((row) => row.turn === "1" && row.label === "fail")).toBe(true);
  });
});
