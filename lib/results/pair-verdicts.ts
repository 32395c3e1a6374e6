// Each counted pair of a study with its counted verdicts: the one relation every part of the
// results page counts from. Without a time range or chosen raters it is the counts kept on "Pair"
// (triggers on "Judgment" and "RaterExclusion" keep them, leaving excluded raters out), so a study
// of a million judgments is read as its pairs; with them, the judgments themselves are counted.
import { Prisma } from "@/lib/generated/prisma/client";
import { countedJudgments, countedPairs, type ResultsFilter } from "@/lib/results/results-filter";

/** Whether the filter picks judgments by time or rater, which the pairs' own counts cannot tell apart. */
export const filtersJudgments = (filter: ResultsFilter) => filter.from !== null || filter.to !== null || filter.raters.length > 0;

/**
 * Columns: "pairId", "promptId", "targetSystemId", "baselineSystemId", its two responses'
 * lengths "targetLength" and "baselineLength", gold, and the counted
 * judgments' w (wins), t (ties), l (losses) in the target's terms and "leftVotes" (those that
 * chose the left side). Every pair the filter counts is listed, judged or not.
 */
export function pairVerdicts(studyId: string, filter: ResultsFilter): Prisma.Sql {
  if (filtersJudgments(filter)) {
    return Prisma.sql`
      SELECT p.id AS "pairId", p."promptId", p."targetSystemId", p."baselineSystemId", p."targetLength", p."baselineLength",
             p."goldVerdict" IS NOT NULL AS gold,
             count(j.id) FILTER (WHERE j.verdict = 'win')::int AS w,
             count(j.id) FILTER (WHERE j.verdict = 'tie')::int AS t,
             count(j.id) FILTER (WHERE j.verdict = 'loss')::int AS l,
             count(j.id) FILTER (WHERE j.choice = 'left')::int AS "leftVotes"
        FROM "Pair" p
        LEFT JOIN "Judgment" j ON j."pairId" = p.id AND ${countedJudgments(studyId, filter)}
       WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)}
       GROUP BY p.id`;
  }
  return Prisma.sql`
    SELECT p.id AS "pairId", p."promptId", p."targetSystemId", p."baselineSystemId", p."targetLength", p."baselineLength",
             p."goldVerdict" IS NOT NULL AS gold,
           p.wins AS w, p.ties AS t, p.losses AS l, p."leftVotes"
      FROM "Pair" p
     WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)}`;
}
