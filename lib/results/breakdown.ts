import "server-only";
import { readDb } from "@/lib/db";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import type { ResultsFilter } from "@/lib/results/results-filter";
import type { Tally } from "@/lib/stats/rates";

export interface BreakdownRow extends Tally {
  /** "source" or "tag". */
  by: "source" | "tag";
  group: string;
  baseline: string;
}

/**
 * Wins, ties and losses per baseline within each prompt source and each tag (Reddit titles
 * against author-written prompts, sensitive prompts…), counted by Postgres from the pairs' counted verdicts.
 */
export async function breakdownBySourceAndTag(studyId: string, filter: ResultsFilter): Promise<BreakdownRow[]> {
  return readDb().$queryRaw<BreakdownRow[]>`
    WITH by_prompt_kind AS (
      -- Pairs add up by baseline, source and set of tags first: few rows to split by tag.
      SELECT v."baselineSystemId", pr.source, pr.tags, sum(v.w) AS w, sum(v.t) AS t, sum(v.l) AS l
        FROM (${pairVerdicts(studyId, filter)}) v
        JOIN "Prompt" pr ON pr.id = v."promptId"
       WHERE v.w + v.t + v.l > 0
       GROUP BY v."baselineSystemId", pr.source, pr.tags
    ), judged AS (
      SELECT k.source, k.tags, s.name AS baseline, s.position, k.w, k.t, k.l
        FROM by_prompt_kind k JOIN "System" s ON s.id = k."baselineSystemId"
    ), grouped AS (
      SELECT 'source' AS by, coalesce(source, '(none)') AS "group", baseline, position, w, t, l FROM judged
      UNION ALL
      SELECT 'tag', tag, baseline, position, w, t, l FROM judged, unnest(tags) AS tag
    )
    SELECT by, "group", baseline, sum(w)::int AS wins, sum(t)::int AS ties, sum(l)::int AS losses
      FROM grouped
     GROUP BY by, "group", baseline, position
     ORDER BY by DESC, "group", position`;
}
