// The numbers of a pairwise study's results page. Postgres counts (per prompt, per pair); the
// pure statistics in lib/stats turn the counts into intervals, tests and agreement.
import "server-only";
import { readDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { tallyByBaseline, type BaselineTally } from "@/lib/results/tally-by-baseline";
import { bothBadOf, type BothBad } from "@/lib/results/both-bad";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";
import { filtersJudgments, pairVerdicts } from "@/lib/results/pair-verdicts";
import { countedJudgments, type ResultsFilter } from "@/lib/results/results-filter";
import type { RaterRow } from "@/lib/results/figures-from-judgments";
import { studyAgreement, type Agreement } from "@/lib/stats/agreement";
import { baselineFigures, type BaselineFigures } from "@/lib/stats/baseline-summary";
import type { ClusterKind } from "@/lib/stats/clustered-shares";
import { positionBias, type PositionBias } from "@/lib/stats/position-bias";

/** Every judgment counts (as the paper reports), or each pair counts once, by its majority. */
export type Aggregation = "every" | "majority";

export interface BaselineResult extends Omit<BaselineTally, "bothBad">, BaselineFigures {
  /** This baseline's agreement, on its own pairs judged by two raters or more. */
  agreement: Agreement;
  /** How many of its tied judgments were "Both are bad"; null when the study neither offers it nor has any. */
  bothBad: BothBad | null;
}


export interface StudyResults {
  aggregation: Aggregation;
  baselines: BaselineResult[];
  agreement: Agreement;
  positionBias: PositionBias;
  /** Whether the figures say how many ties were "Both are bad": the study offers it, or has some. */
  bothBadShown: boolean;
}

// The judgments the filter counts, each pair's verdicts counted. Under "majority" a pair
// counts once with the verdict that has strictly the most votes, and as a tie when two verdicts
// share the most (the same rule as lib/stats/aggregate.ts's majorityVerdict).
const promptVotes = (studyId: string, aggregation: Aggregation, filter: ResultsFilter) => Prisma.sql`
  WITH counted AS (
    SELECT v."baselineSystemId" AS baseline, v."promptId",
           CASE WHEN ${aggregation} = 'majority' THEN (v.w > v.t AND v.w > v.l)::int ELSE v.w END AS w,
           CASE WHEN ${aggregation} = 'majority' THEN (NOT ((v.w > v.t AND v.w > v.l) OR (v.l > v.w AND v.l > v.t)))::int ELSE v.t END AS t,
           CASE WHEN ${aggregation} = 'majority' THEN (v.l > v.w AND v.l > v.t)::int ELSE v.l END AS l
      FROM (${pairVerdicts(studyId, filter)}) v
     WHERE v.w + v.t + v.l > 0
  ), design AS (SELECT "pairDesign" FROM "Study" WHERE id = ${studyId}
  ), per_prompt AS (
    -- Against the target, a prompt has one pair per baseline: its counts are the prompt's. With
    -- every two systems paired, a baseline meets several systems on one prompt: they add up.
    SELECT baseline, w, t, l FROM counted WHERE (SELECT "pairDesign" FROM design) = 'target_vs_baselines'
    UNION ALL
    SELECT baseline, sum(w), sum(t), sum(l) FROM counted WHERE (SELECT "pairDesign" FROM design) <> 'target_vs_baselines' GROUP BY baseline, "promptId"
  )
  SELECT s.name AS baseline, k.wins, k.ties, k.losses, k.prompts
    -- The intervals need only how many prompts gave each count, not which.
    FROM (SELECT baseline, w::int AS wins, t::int AS ties, l::int AS losses, count(*)::int AS prompts FROM per_prompt GROUP BY baseline, w, t, l) k
    JOIN "System" s ON s.id = k.baseline`;

/**
 * Each baseline's pairs grouped by how many of each verdict they received: agreement depends on
 * nothing else, so a few dozen rows however many pairs there are. Pairs judged once come too:
 * they show no agreement, but Fleiss' κ counts them in how often each verdict is used.
 */
const verdictGroups = (studyId: string, filter: ResultsFilter) => Prisma.sql`
  SELECT s.name AS baseline, v.w, v.t, v.l, count(*)::int AS pairs
    FROM (${pairVerdicts(studyId, filter)}) v JOIN "System" s ON s.id = v."baselineSystemId"
   WHERE v.w + v.t + v.l >= 1
   GROUP BY s.name, v.w, v.t, v.l`;

async function baselineResults(studyId: string, aggregation: Aggregation, filter: ResultsFilter) {
  const [baselines, votes, groups, study] = await Promise.all([
    tallyByBaseline(studyId, filter),
    readDb().$queryRaw<({ baseline: string } & ClusterKind)[]>(promptVotes(studyId, aggregation, filter)),
    readDb().$queryRaw<{ baseline: string; w: number; t: number; l: number; pairs: number }[]>(verdictGroups(studyId, filter)),
    readDb().study.findUniqueOrThrow({ where: { id: studyId }, select: { judgmentsPerPair: true } }),
  ]);
  const labelGroups = groups.map((group) => ({ baseline: group.baseline, counts: [group.w, group.t, group.l], times: group.pairs }));
  const results: BaselineResult[] = baselines.map(({ bothBad, ...baseline }) => ({
    ...baseline,
    // Over every judgment counted (the tally's), whatever the aggregation below.
    bothBad: bothBad === null ? null : bothBadOf({ judgments: baseline.wins + baseline.ties + baseline.losses, ties: baseline.ties, bothBad }),
    ...baselineFigures(
      votes.filter((row) => row.baseline === baseline.baseline),
      // By majority a pair counts once; otherwise each of its k judgments does.
      { capacity: baseline.pairs * (aggregation === "majority" ? 1 : study.judgmentsPerPair), promptsAvailable: baseline.prompts },
    ),
    agreement: studyAgreement(labelGroups.filter((group) => group.baseline === baseline.baseline)),
  }));
  return { baselines: results, agreement: studyAgreement(labelGroups) };
}

async function sideVotes(studyId: string, filter: ResultsFilter): Promise<PositionBias> {
  const [votes] = await readDb().$queryRaw<{ left: number; right: number; neither: number }[]>`
    SELECT coalesce(sum(v."leftVotes"), 0)::int AS left,
           coalesce(sum(v.w + v.l - v."leftVotes"), 0)::int AS right,
           coalesce(sum(v.t), 0)::int AS neither
      FROM (${pairVerdicts(studyId, filter)}) v`;
  return positionBias(votes);
}

export async function studyResults(studyId: string, aggregation: Aggregation, filter: ResultsFilter): Promise<StudyResults> {
  const [{ baselines, agreement }, bias] = await Promise.all([baselineResults(studyId, aggregation, filter), sideVotes(studyId, filter)]);
  return { aggregation, baselines, agreement, positionBias: bias, bothBadShown: baselines.some((baseline) => baseline.bothBad !== null) };
}

export type { RaterRow } from "@/lib/results/figures-from-judgments";

/**
 * One row per rater: how much, how fast, which side they favour, gold accuracy, agreement. Within
 * the filter's time range and raters, and listing excluded raters too (marked), so that they can
 * be judged and let back in. Every rater, counted or excluded, is compared with the other counted
 * raters of each pair, never with a majority that holds their own vote.
 */
export async function raterRows(studyId: string, filter: ResultsFilter): Promise<RaterRow[]> {
  return readDb().$queryRaw<RaterRow[]>(filtersJudgments(filter) ? raterRowsOfJudgments(studyId, filter) : raterRowsOfTallies(studyId));
}

const EXCLUDED = (studyId: string) => Prisma.sql`EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = ${studyId} AND x."raterId" = j."raterId")`;

/**
 * Every rater's row as triggers keep it in "RaterTally", less what their judgments on removed
 * items added to it (the tallies count every pair; a removed one is out of every figure), and
 * their median time from the middle one or two of their judgments in the index on (study, rater,
 * time on task), or, for a rater who judged a removed item, from their other judgments.
 */
const raterRowsOfTallies = (studyId: string) => Prisma.sql`
  WITH removed AS (
    -- A tally is the sum of each judgment's part, so a removed pair's part is taken out exactly:
    -- counted as recount_rater_tallies() counts, over the removed pairs alone.
    SELECT j."raterId",
           count(*) FILTER (WHERE p."goldVerdict" IS NULL) AS judgments,
           count(*) FILTER (WHERE p."goldVerdict" IS NULL AND j.choice = 'left') AS left,
           count(*) FILTER (WHERE p."goldVerdict" IS NULL AND j.choice = 'right') AS right,
           count(*) FILTER (WHERE p."goldVerdict" IS NULL AND j.choice = 'neither') AS neither,
           count(*) FILTER (WHERE p."goldVerdict" IS NOT NULL) AS "goldJudged",
           count(*) FILTER (WHERE p."goldVerdict" IS NOT NULL AND j."goldCorrect") AS "goldCorrect",
           count(*) FILTER (WHERE p."goldVerdict" IS NULL AND m.majority IS NOT NULL) AS "onSharedPairs",
           count(*) FILTER (WHERE p."goldVerdict" IS NULL AND j.verdict = m.majority) AS "withMajority"
      FROM "Pair" p
      JOIN "Judgment" j ON j."pairId" = p.id
      LEFT JOIN "RaterExclusion" x ON x."studyId" = p."studyId" AND x."raterId" = j."raterId"
     CROSS JOIN LATERAL (SELECT majority_of_others(j.verdict, x."raterId" IS NULL, p.wins, p.ties, p.losses) AS majority) m
     WHERE p."studyId" = ${studyId} AND p."removedAt" IS NOT NULL
     GROUP BY j."raterId"
  ), kept AS (
    SELECT t."studyId", t."raterId", r."raterId" IS NOT NULL AS "judgedRemoved",
           (t.judgments - coalesce(r.judgments, 0))::int AS judgments,
           (t.left - coalesce(r.left, 0))::int AS left,
           (t.right - coalesce(r.right, 0))::int AS right,
           (t.neither - coalesce(r.neither, 0))::int AS neither,
           (t."goldJudged" - coalesce(r."goldJudged", 0))::int AS "goldJudged",
           (t."goldCorrect" - coalesce(r."goldCorrect", 0))::int AS "goldCorrect",
           (t."onSharedPairs" - coalesce(r."onSharedPairs", 0))::int AS "onSharedPairs",
           (t."withMajority" - coalesce(r."withMajority", 0))::int AS "withMajority"
      FROM "RaterTally" t LEFT JOIN removed r ON r."raterId" = t."raterId"
     WHERE t."studyId" = ${studyId}
  )
  SELECT ${raterPseudonym(studyId)} AS rater, ${EXCLUDED(studyId)} AS excluded, j.judgments, median.seconds AS "medianSeconds",
         j.left, j.right, j.neither, j."goldJudged", j."goldCorrect", j."withMajority", j."onSharedPairs"
    FROM kept j
    CROSS JOIN LATERAL (
      -- Only the branch taken is run: the index's middle for most raters.
      SELECT CASE WHEN j."judgedRemoved" THEN (
               SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY t."timeOnTaskMs") / 1000)::float
                 FROM "Judgment" t JOIN "Pair" tp ON tp.id = t."pairId"
                WHERE t."studyId" = j."studyId" AND t."raterId" = j."raterId" AND tp."removedAt" IS NULL)
             ELSE (
               SELECT (avg(middle."timeOnTaskMs") / 1000)::float
                 FROM (SELECT t."timeOnTaskMs" FROM "Judgment" t
                        WHERE t."studyId" = j."studyId" AND t."raterId" = j."raterId"
                        ORDER BY t."timeOnTaskMs"
                       OFFSET (j.judgments + j."goldJudged" - 1) / 2 LIMIT 2 - (j.judgments + j."goldJudged") % 2) middle)
             END AS seconds
    ) median
   WHERE j.judgments + j."goldJudged" > 0
   ORDER BY judgments DESC, rater`;

/** The same, counted from the judgments the filter picks. */
function raterRowsOfJudgments(studyId: string, filter: ResultsFilter): Prisma.Sql {
  // One pass over the judgments, each joined to its pair's counted verdicts (all pairs, so that
  // gold judgments are counted too; the majority is only taken on ordinary pairs). A counted
  // rater's own vote is among those verdicts and is taken out; an excluded rater's is not there.
  return Prisma.sql`
    SELECT ${raterPseudonym(studyId)} AS rater, ${EXCLUDED(studyId)} AS excluded,
           count(*) FILTER (WHERE NOT v.gold)::int AS judgments,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY j."timeOnTaskMs") / 1000)::float AS "medianSeconds",
           count(*) FILTER (WHERE j.choice = 'left' AND NOT v.gold)::int AS left,
           count(*) FILTER (WHERE j.choice = 'right' AND NOT v.gold)::int AS right,
           count(*) FILTER (WHERE j.choice = 'neither' AND NOT v.gold)::int AS neither,
           count(*) FILTER (WHERE v.gold)::int AS "goldJudged",
           count(*) FILTER (WHERE j."goldCorrect")::int AS "goldCorrect",
           count(*) FILTER (WHERE NOT v.gold AND j.verdict = m.majority)::int AS "withMajority",
           count(*) FILTER (WHERE NOT v.gold AND m.majority IS NOT NULL)::int AS "onSharedPairs"
      FROM "Judgment" j
      JOIN (${pairVerdicts(studyId, { ...filter, gold: true })}) v ON v."pairId" = j."pairId"
      LEFT JOIN "RaterExclusion" ex ON ex."studyId" = ${studyId} AND ex."raterId" = j."raterId"
     CROSS JOIN LATERAL (SELECT majority_of_others(j.verdict, ex."raterId" IS NULL, v.w, v.t, v.l) AS majority) m
     WHERE ${countedJudgments(studyId, filter, { withExcluded: true })}
     GROUP BY j."raterId"
     ORDER BY judgments DESC, rater`;
}
