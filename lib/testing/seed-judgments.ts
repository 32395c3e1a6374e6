// Judgments written straight into a seeded study, with given win / tie / loss counts per
// baseline: for results tests that need hundreds of judgments without clicking through them.
import type { Side, Verdict } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/seed-study";

export type Counts = { wins: number; ties: number; losses: number };

export async function seedJudgments(studyId: string, perBaseline: Record<string, Counts>, raters = 3): Promise<void> {
  const people = await Promise.all(Array.from({ length: raters }, () => makeUser("rater")));
  for (const [baseline, counts] of Object.entries(perBaseline)) {
    const pairs = await db().pair.findMany({
      where: { studyId, goldVerdict: null, baselineResponse: { system: { name: baseline } } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const verdicts: Verdict[] = [
      ...Array<Verdict>(counts.wins).fill("win"),
      ...Array<Verdict>(counts.ties).fill("tie"),
      ...Array<Verdict>(counts.losses).fill("loss"),
    ];
    if (verdicts.length > pairs.length) throw new Error(`${baseline} has ${pairs.length} pairs, fewer than ${verdicts.length} judgments`);
    const rows = verdicts.map((verdict, i) => {
      const targetSide: Side = i % 2 === 0 ? "left" : "right";
      const other: Side = targetSide === "left" ? "right" : "left";
      return { pairId: pairs[i].id, raterId: people[i % raters].id, targetSide, verdict, choice: verdict === "tie" ? ("neither" as const) : verdict === "win" ? targetSide : other };
    });
    const assignments = await db().assignment.createManyAndReturn({
      data: rows.map((row) => ({ pairId: row.pairId, raterId: row.raterId, targetSide: row.targetSide, status: "done" as const, leaseExpiresAt: new Date() })),
      select: { id: true, pairId: true },
    });
    const byPair = new Map(assignments.map((a) => [a.pairId, a.id]));
    await db().judgment.createMany({
      data: rows.map((row) => ({ ...row, studyId, assignmentId: byPair.get(row.pairId)!, timeOnTaskMs: 30_000 })),
    });
  }
}
