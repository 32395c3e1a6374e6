import "server-only";
import { readDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import { countedJudgments, countedPairs, type ResultsFilter } from "@/lib/results/results-filter";
import type { Tally } from "@/lib/stats/rates";

export interface BaselineTally extends Tally {
  baseline: string;
  /** The baseline's counted pairs, judged or not, and the prompts they are on. */
  pairs: number;
  prompts: number;
  /**
   * Of the ties, the judgments that said "Both are bad"; null when the study neither offers it
   * nor has any (then nothing of it is shown).
   */
  bothBad: number | null;
}

/**
 * Whether a study's figures say how many ties were "Both are bad": it offers the option, or an
 * ordinary pair has a judgment of it (offered once, say). The rater tallies count every choice
 * but that one, so a tally whose judgments outnumber its sides and "neither" holds one: a row per
 * rater read, not the judgments.
 */
export const bothBadShown = (studyId: string) => Prisma.sql`
  (SELECT st."offerBothBad" OR EXISTS (SELECT 1 FROM "RaterTally" t
                                       WHERE t."studyId" = st.id AND t.judgments > t."left" + t."right" + t.neither)
     FROM "Study" st WHERE st.id = ${studyId})`;

/**
 * Wins, ties and losses of the study's target against each baseline, counted by Postgres over the
 * judgments the filter counts (by default gold pairs are left out: they check raters, and every
 * rater may judge them), and the ties that were "Both are bad", over the same judgments. Every
 * baseline has a row, judged or not. A study of two answers only: no other has sides or ties.
 */
export async function tallyByBaseline(studyId: string, filter: ResultsFilter): Promise<BaselineTally[]> {
  return readDb().$queryRaw<BaselineTally[]>`
    WITH shown AS (SELECT ${bothBadShown(studyId)} AS shown)
    SELECT s.name AS baseline,
           coalesce(v.pairs, 0)::int AS pairs,
           coalesce(v.prompts, 0)::int AS prompts,
           coalesce(v.wins, 0)::int AS wins,
           coalesce(v.ties, 0)::int AS ties,
           coalesce(v.losses, 0)::int AS losses,
           CASE WHEN (SELECT shown FROM shown) THEN coalesce(b.both_bad, 0)::int END AS "bothBad"
      FROM "System" s
      JOIN "Study" st ON st.id = s."studyId" AND st."targetSystemId" IS DISTINCT FROM s.id
      LEFT JOIN (SELECT v."baselineSystemId", count(*) AS pairs, count(DISTINCT v."promptId") AS prompts, sum(v.w) AS wins, sum(v.t) AS ties, sum(v.l) AS losses
                   FROM (${pairVerdicts(studyId, filter)}) v
                  GROUP BY v."baselineSystemId") v ON v."baselineSystemId" = s.id
      -- Counted as pairVerdicts counts a filtered study's judgments, and read only when shown.
      LEFT JOIN (SELECT p."baselineSystemId", count(*) AS both_bad
                   FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
                  WHERE (SELECT shown FROM shown) AND j."studyId" = ${studyId} AND j.choice = 'both_bad'
                    AND ${countedPairs(filter)} AND ${countedJudgments(studyId, filter)}
                  GROUP BY p."baselineSystemId") b ON b."baselineSystemId" = s.id
     WHERE s."studyId" = ${studyId}
     ORDER BY s.position, s.name`;
}
