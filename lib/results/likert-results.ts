// A Likert study's results, as the paper's ablations report them: each system's mean helpfulness
// (1–6) with a two-sided 95% t interval. The raters of one answer are not independent, so each
// answer's scores are averaged first (by Postgres) and the interval is over those answer means,
// one per prompt.
import "server-only";
import { readDb } from "@/lib/db";
import { systemsInOrder } from "@/lib/results/label-results";
import { meanWithInterval, type MeanInterval } from "@/lib/stats/likert-mean";
import { LIKERT_SCALE } from "@/lib/kinds";

export interface SystemScores {
  system: string;
  /** Answers scored at least once, and scores in all. */
  answers: number;
  scores: number;
  /** Mean of the answers' mean scores; null below two answers. */
  mean: MeanInterval | null;
}

export async function scoresBySystem(studyId: string): Promise<SystemScores[]> {
  const rows = await readDb().$queryRaw<{ system: string; means: number[]; scores: number }[]>`
    WITH per_answer AS (
      SELECT p."targetSystemId" AS system, avg(j.score)::float AS mean, count(*) AS scores
        FROM "Pair" p
        JOIN "Judgment" j ON j."pairId" = p.id AND j.score IS NOT NULL
       WHERE p."studyId" = ${studyId}
         AND NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId")
       GROUP BY p.id
    )
    SELECT s.name AS system, array_agg(a.mean ORDER BY a.mean) AS means, sum(a.scores)::int AS scores
      FROM per_answer a JOIN "System" s ON s.id = a.system
     GROUP BY s.name`;
  const systems = await systemsInOrder(studyId);
  return systems.map(({ name }) => {
    const row = rows.find((candidate) => candidate.system === name);
    const mean = row ? meanWithInterval(row.means) : null;
    // The t interval of a few answers can reach past the scale; no mean can lie outside it.
    const clamped = mean && { ...mean, lower: Math.max(LIKERT_SCALE.min, mean.lower), upper: Math.min(LIKERT_SCALE.max, mean.upper) };
    return { system: name, answers: row?.means.length ?? 0, scores: row?.scores ?? 0, mean: clamped };
  });
}
