// The raters of a study whose raters judge one answer at a time: how much each judged, how fast,
// and how they used the kind's values (their share of each label, or their mean score), within the
// filter's time range and raters, excluded raters listed and marked so they can be let back in.
import "server-only";
import { readDb } from "@/lib/db";
import { answerMeasure, type AnswerStudy } from "@/lib/results/answer-results";
import { KIND_VALUES, valueKeys } from "@/lib/kinds/judgment-values";
import { meanOfCounts } from "@/lib/results/answers-from-judgments";
import { countedJudgments, countedPairs, type ResultsFilter } from "@/lib/results/results-filter";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";

// Pure, so that a bundle's recomputation (./answers-from-judgments) averages the same way.
export { meanOfCounts };

export interface AnswerRaterRow {
  rater: string;
  excluded: boolean;
  judgments: number;
  medianSeconds: number | null;
  /** How many of each of the kind's values the rater gave, in the kind's order. */
  counts: number[];
  /** The mean of the rater's scores, on a scale; null for labels. */
  meanScore: number | null;
}

export async function answerRaterRows(study: AnswerStudy, filter: ResultsFilter): Promise<AnswerRaterRow[]> {
  const { id: studyId, kind } = study;
  const measure = answerMeasure(study);
  const keys = valueKeys(measure);
  const rows = await readDb().$queryRaw<(Omit<AnswerRaterRow, "counts" | "meanScore"> & { values: { value: string; n: number }[] | null })[]>`
    WITH counted AS (
      SELECT j.* FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
       WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)} AND ${countedJudgments(studyId, filter, { withExcluded: true })}
    ), per_value AS (
      SELECT j."raterId", v.value, count(*)::int AS n
        FROM counted j CROSS JOIN LATERAL (${KIND_VALUES[kind].VALUES_SQL}) v
       GROUP BY j."raterId", v.value
    )
    SELECT ${raterPseudonym(studyId)} AS rater,
           EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = ${studyId} AND x."raterId" = j."raterId") AS excluded,
           count(*)::int AS judgments,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY j."timeOnTaskMs") / 1000)::float AS "medianSeconds",
           (SELECT json_agg(json_build_object('value', pv.value, 'n', pv.n)) FROM per_value pv WHERE pv."raterId" = j."raterId") AS values
      FROM counted j
     GROUP BY j."raterId"
     ORDER BY judgments DESC, rater`;
  return rows.map(({ values, ...row }) => {
    const counts = keys.map((key) => values?.find((value) => value.value === key)?.n ?? 0);
    return { ...row, counts, meanScore: measure.shape === "scores" ? meanOfCounts(keys, counts) : null };
  });
}
