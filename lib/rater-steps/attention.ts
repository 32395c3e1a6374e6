// Attention checks that act: a study may ask that, once a rater has judged a number of gold pairs,
// at least a share of them match the known answer. A rater below it is stopped (handed nothing
// more, their writes refused, shown the screen-out code) and left out of the figures, both in the
// transaction that records the gold judgment which fell short. A researcher may lift the stop,
// which also lets them back into the figures; a lifted stop is not made again.
import "server-only";
import { withdrawLeases } from "@/lib/assign/withdraw-leases";
import type { Sql } from "@/lib/sql";

export interface AttentionRule {
  studyId: string;
  raterId: string;
  after: number;
  minAccuracy: number;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Why a rater was stopped, as the history, the exclusion and the review page say it. */
export const stopReason = (right: number, judged: number, minAccuracy: number) =>
  `Attention checks: ${right} of ${judged} gold pairs right (${percent(right / judged)}), below the study's ${percent(minAccuracy)}.`;

/** Stops the rater if their gold accuracy fell below the rule; whether they were stopped now. Runs in the judgment's transaction. */
export async function enforceAttention(tx: Sql, rule: AttentionRule): Promise<boolean> {
  const [gold] = await tx.query<{ judged: number; right: number; stoppedBefore: boolean; pseudonym: string }>(
    `SELECT count(*)::int AS judged, count(*) FILTER (WHERE j."goldCorrect")::int AS right,
            EXISTS (SELECT 1 FROM "RaterStop" st WHERE st."studyId" = $1 AND st."raterId" = $2) AS "stoppedBefore",
            'rater-' || left(md5($1 || ':' || $2), 10) AS pseudonym
       FROM "Judgment" j
      WHERE j."studyId" = $1 AND j."raterId" = $2 AND j."goldCorrect" IS NOT NULL
      GROUP BY j."raterId"`,
    [rule.studyId, rule.raterId],
  );
  if (!gold || gold.stoppedBefore || gold.judged < rule.after || gold.right / gold.judged >= rule.minAccuracy) return false;
  const reason = stopReason(gold.right, gold.judged, rule.minAccuracy);
  // Two gold judgments at once may both fall short: one stops the rater, neither is refused.
  const made = await tx.execute(`INSERT INTO "RaterStop" ("studyId", "raterId", reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [rule.studyId, rule.raterId, reason]);
  if (made === 0) return false;
  // A researcher's own exclusion of the rater, if any, keeps its reason.
  await tx.execute(`INSERT INTO "RaterExclusion" ("studyId", "raterId", reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [rule.studyId, rule.raterId, reason]);
  await tx.execute(`INSERT INTO "StudyEvent" (id, "studyId", what, after) VALUES (gen_random_uuid()::text, $1, 'rater stopped', $2)`, [rule.studyId, `${gold.pseudonym}: ${reason}`]);
  await withdrawLeases(tx, rule.studyId, rule.raterId);
  return true;
}
