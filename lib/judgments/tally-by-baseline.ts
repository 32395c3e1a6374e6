import "server-only";
import { db } from "@/lib/db";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import type { ResultsFilter } from "@/lib/results/results-filter";
import type { Tally } from "@/lib/stats/rates";

export interface BaselineTally extends Tally {
  baseline: string;
  pairs: number;
}

/**
 * Wins, ties and losses of the study's target against each baseline, counted by Postgres over the
 * judgments the filter counts (by default gold pairs are left out: they check raters, and every
 * rater may judge them). Every baseline has a row, judged or not.
 */
export async function tallyByBaseline(studyId: string, filter: ResultsFilter): Promise<BaselineTally[]> {
  return db().$queryRaw<BaselineTally[]>`
    SELECT s.name AS baseline,
           count(v."pairId")::int AS pairs,
           coalesce(sum(v.w), 0)::int AS wins,
           coalesce(sum(v.t), 0)::int AS ties,
           coalesce(sum(v.l), 0)::int AS losses
      FROM "System" s
      JOIN "Study" st ON st.id = s."studyId" AND st."targetSystemId" <> s.id
      LEFT JOIN "Response" r ON r."systemId" = s.id
      LEFT JOIN (${pairVerdicts(studyId, filter)}) v ON v."baselineResponseId" = r.id
     WHERE s."studyId" = ${studyId}
     GROUP BY s.id, s.name, s.position
     ORDER BY s.position, s.name`;
}
