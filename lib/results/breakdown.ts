import "server-only";
import { db } from "@/lib/db";
import { countedJudgments, countedPairs, type ResultsFilter } from "@/lib/results/results-filter";
import type { Tally } from "@/lib/stats/rates";

export interface BreakdownRow extends Tally {
  /** "source" or "tag". */
  by: "source" | "tag";
  group: string;
  baseline: string;
}

/**
 * Wins, ties and losses per baseline within each prompt source and each tag (Reddit titles
 * against author-written prompts, sensitive prompts…), counted by Postgres over the judgments the filter counts.
 */
export async function breakdownBySourceAndTag(studyId: string, filter: ResultsFilter): Promise<BreakdownRow[]> {
  return db().$queryRaw<BreakdownRow[]>`
    WITH judged AS (
      SELECT pr.source, pr.tags, s.name AS baseline, s.position, j.verdict
        FROM "Judgment" j
        JOIN "Pair" p ON p.id = j."pairId"
        JOIN "Prompt" pr ON pr.id = p."promptId"
        JOIN "Response" r ON r.id = p."baselineResponseId"
        JOIN "System" s ON s.id = r."systemId"
       WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)} AND ${countedJudgments(studyId, filter)}
    ), grouped AS (
      SELECT 'source' AS by, coalesce(source, '(none)') AS "group", baseline, position, verdict FROM judged
      UNION ALL
      SELECT 'tag', tag, baseline, position, verdict FROM judged, unnest(tags) AS tag
    )
    SELECT by, "group", baseline,
           count(*) FILTER (WHERE verdict = 'win')::int AS wins,
           count(*) FILTER (WHERE verdict = 'tie')::int AS ties,
           count(*) FILTER (WHERE verdict = 'loss')::int AS losses
      FROM grouped
     GROUP BY by, "group", baseline, position
     ORDER BY by DESC, "group", position`;
}
