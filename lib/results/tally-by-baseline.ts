import "server-only";
import { readDb } from "@/lib/db";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import type { ResultsFilter } from "@/lib/results/results-filter";
import type { Tally } from "@/lib/stats/rates";

export interface BaselineTally extends Tally {
  baseline: string;
  /** The baseline's counted pairs, judged or not, and the prompts they are on. */
  pairs: number;
  prompts: number;
}

/**
 * Wins, ties and losses of the study's target against each baseline, counted by Postgres over the
 * judgments the filter counts (by default gold pairs are left out: they check raters, and every
 * rater may judge them). Every baseline has a row, judged or not.
 */
export async function tallyByBaseline(studyId: string, filter: ResultsFilter): Promise<BaselineTally[]> {
  return readDb().$queryRaw<BaselineTally[]>`
    SELECT s.name AS baseline,
           coalesce(v.pairs, 0)::int AS pairs,
           coalesce(v.prompts, 0)::int AS prompts,
           coalesce(v.wins, 0)::int AS wins,
           coalesce(v.ties, 0)::int AS ties,
           coalesce(v.losses, 0)::int AS losses
      FROM "System" s
      JOIN "Study" st ON st.id = s."studyId" AND st."targetSystemId" IS DISTINCT FROM s.id
      LEFT JOIN (SELECT v."baselineSystemId", count(*) AS pairs, count(DISTINCT v."promptId") AS prompts, sum(v.w) AS wins, sum(v.t) AS ties, sum(v.l) AS losses
                   FROM (${pairVerdicts(studyId, filter)}) v
                  GROUP BY v."baselineSystemId") v ON v."baselineSystemId" = s.id
     WHERE s."studyId" = ${studyId}
     ORDER BY s.position, s.name`;
}
