import "server-only";
import { db } from "@/lib/db";
import { countedJudgments, countedPairs, type ResultsFilter } from "@/lib/results/results-filter";
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
           count(DISTINCT p.id)::int AS pairs,
           count(j.id) FILTER (WHERE j.verdict = 'win')::int AS wins,
           count(j.id) FILTER (WHERE j.verdict = 'tie')::int AS ties,
           count(j.id) FILTER (WHERE j.verdict = 'loss')::int AS losses
      FROM "System" s
      JOIN "Study" st ON st.id = s."studyId" AND st."targetSystemId" <> s.id
      LEFT JOIN "Response" r ON r."systemId" = s.id
      LEFT JOIN "Pair" p ON p."baselineResponseId" = r.id AND ${countedPairs(filter)}
      LEFT JOIN "Judgment" j ON j."pairId" = p.id AND ${countedJudgments(studyId, filter)}
     WHERE s."studyId" = ${studyId}
     GROUP BY s.id, s.name, s.position
     ORDER BY s.position, s.name`;
}
