import { judgeInOwnStudy } from "@/lib/testing/own-study";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { nextAssignment } from "@/lib/assign/next-assignment";
import { db } from "@/lib/db";
import { JUDGMENT_COLUMNS, judgmentsExport } from "@/lib/export/judgments-export";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("judgmentsExport", () => {
  it("writes only a header for a study without judgments", async () => {
    const study = await seedStudy({ prompts: 1 });
    expect(await readAll(await judgmentsExport(study.id, "csv"))).toBe(`${JUDGMENT_COLUMNS.join(",")}\n`);
  });

  // A formula, and text with every character COPY escapes or a CSV must quote.
  const RATIONALES = {
    left: "=cmd()",
    right: 'Tab\there, "quoted", a back\\slash \\N,\nnew line\r\nand 日本語 ✓',
    neither: undefined,
  } as const;

  it("parses back to exactly the judgments in the database, with systems per side and neutralised formulas", async () => {
    const study = await seedStudy({ prompts: 3, baselines: ["Alpaca 65B", "GPT-4"] });
    const rater = await makeUser("rater");
    const choices = ["left", "right", "neither", "left", "right", "neither"] as const;
    for (const choice of choices) {
      const shown = await nextAssignment(study.id, rater.id);
      await judgeInOwnStudy(rater.id, { assignmentId: shown!.assignmentId, choice, rationale: RATIONALES[choice] });
    }

    const rows = parse(await readAll(await judgmentsExport(study.id, "csv")), { columns: true }) as Record<string, string>[];
    const judgments = await db().judgment.findMany({
      where: { pair: { studyId: study.id } },
      include: { pair: { include: { prompt: true, baselineResponse: { include: { system: true } } } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(rows).toHaveLength(6);
    rows.forEach((row, i) => {
      const j = judgments[i];
      const baseline = j.pair.baselineResponse!.system.name;
      expect(row).toMatchObject({
        study: study.slug,
        pair_id: j.pairId,
        prompt_id: j.pair.prompt.externalId,
        target_system: "LIMA",
        baseline_system: baseline,
        system_left: j.targetSide === "left" ? "LIMA" : baseline,
        system_right: j.targetSide === "left" ? baseline : "LIMA",
        side_chosen: j.choice,
        verdict: j.verdict,
        rationale: j.rationale?.startsWith("=") ? `'${j.rationale}` : (j.rationale ?? ""),
        gold: "false",
        redacted: "false",
        time_on_task_ms: String(j.timeOnTaskMs),
        created_at: j.createdAt.toISOString(),
      });
      expect(row.rater).toMatch(/^rater-[0-9a-f]{10}$/);
      expect(row.rater).not.toContain(rater.id);
    });
    expect(new Set(rows.map((r) => r.rater)).size).toBe(1);
  });
});
