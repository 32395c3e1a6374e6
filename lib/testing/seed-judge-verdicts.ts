// An LLM judge with verdicts written straight into a seeded study: per baseline, how many pairs
// it labels a win, a tie and a loss (both orders agreeing), for tests of Figure 2.
import type { Side, Verdict } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import type { Counts } from "@/lib/testing/seed-judgments";

const choiceOf = (targetSide: Side, verdict: Verdict) => (verdict === "tie" ? "neither" : (verdict === "win") === (targetSide === "left") ? "left" : "right");

export async function seedJudgeVerdicts(studyId: string, name: string, perBaseline: Record<string, Counts>): Promise<{ id: string }> {
  const judge = await db().judge.create({ data: { studyId, name }, select: { id: true } });
  for (const [baseline, counts] of Object.entries(perBaseline)) {
    const pairs = await db().pair.findMany({ where: { studyId, goldVerdict: null, baselineResponse: { system: { name: baseline } } }, orderBy: { id: "asc" }, select: { id: true } });
    const verdicts: Verdict[] = [...Array<Verdict>(counts.wins).fill("win"), ...Array<Verdict>(counts.ties).fill("tie"), ...Array<Verdict>(counts.losses).fill("loss")];
    if (verdicts.length > pairs.length) throw new Error(`${baseline} has ${pairs.length} pairs, fewer than ${verdicts.length} verdicts`);
    await db().judgeVerdict.createMany({
      data: verdicts.flatMap((verdict, i) =>
        (["left", "right"] as const).map((targetSide) => ({ judgeId: judge.id, pairId: pairs[i].id, targetSide, verdict, choice: choiceOf(targetSide, verdict) })),
      ),
    });
  }
  return judge;
}
