import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Verdict } from "@/lib/generated/prisma/enums";

/** A prompt's pairs with their systems and gold answers, for a researcher to mark. */
export async function pairsOfPrompt(studyId: string, promptId: string) {
  const pairs = await db().pair.findMany({
    // Gold answers are verdicts: only pairs of two answers have them.
    where: { studyId, promptId, baselineResponseId: { not: null } },
    select: {
      id: true,
      goldVerdict: true,
      targetResponse: { select: { system: { select: { name: true } } } },
      baselineResponse: { select: { system: { select: { name: true, position: true } } } },
      _count: { select: { judgments: true } },
    },
    orderBy: { baselineResponse: { system: { position: "asc" } } },
  });
  return pairs.map((pair) => ({
    id: pair.id,
    target: pair.targetResponse.system.name,
    baseline: pair.baselineResponse!.system.name,
    goldVerdict: pair.goldVerdict,
    judgments: pair._count.judgments,
  }));
}

/**
 * Marks a pair as gold with its known answer in the target's terms, or unmarks it. A pair that
 * raters have already judged keeps what it is: turning it into gold (or back) would change what
 * those judgments count for.
 */
export async function setGoldVerdict(studyId: string, pairId: string, verdict: Verdict | null): Promise<void> {
  const pair = await db().pair.findFirst({ where: { id: pairId, studyId }, select: { goldVerdict: true, baselineResponseId: true, _count: { select: { assignments: true } } } });
  if (!pair) throw new AppError("not_found", "That pair is not in this study.");
  // A known answer is a verdict between two answers: a single answer has none.
  if (pair.baselineResponseId === null) throw new AppError("invalid", "Only a pair of two answers can be gold: this item is one answer.");
  if (pair.goldVerdict === verdict) return;
  if (pair._count.assignments > 0 && (pair.goldVerdict === null) !== (verdict === null)) {
    throw new AppError("conflict", "Raters have already been given this pair, so it can no longer become gold or stop being gold.");
  }
  await db().pair.update({ where: { id: pairId }, data: { goldVerdict: verdict } });
}
