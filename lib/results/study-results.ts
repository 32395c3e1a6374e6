// The numbers of a pairwise study's results page. Postgres counts (per prompt, per pair); the
// pure statistics in lib/stats turn the counts into intervals, tests and agreement.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { tallyByBaseline, type BaselineTally } from "@/lib/judgments/tally-by-baseline";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";
import { pairVerdicts } from "@/lib/results/pair-verdicts";
import { countedJudgments, type ResultsFilter } from "@/lib/results/results-filter";
import { fleissKappaOfGroups, krippendorffAlphaNominalOfGroups, tieDiscountedAccuracyOfGroups } from "@/lib/stats/agreement";
import { bootstrapSharesOfKinds, type ClusterKind, type ShareIntervals } from "@/lib/stats/bootstrap";
import { positionBias, type PositionBias } from "@/lib/stats/position-bias";
import { signTest } from "@/lib/stats/sign-test";

/** Every judgment counts (as the paper reports), or each pair counts once, by its majority. */
export type Aggregation = "every" | "majority";

export interface BaselineResult extends BaselineTally {
  intervals: ShareIntervals | null;
  signTestP: number;
}

export interface StudyResults {
  aggregation: Aggregation;
  baselines: BaselineResult[];
  agreement: {
    tieDiscountedAccuracy: number | null;
    fleissKappa: number | null;
    krippendorffAlpha: number | null;
    /** Pairs judged by two raters or more, which agreement rests on, and the rater pairs among them. */
    items: number;
    raterPairs: number;
  };
  positionBias: PositionBias;
}

// The judgments the filter counts, each pair's verdicts counted. Under "majority" a pair
// counts once with the verdict that has strictly the most votes, and as a tie when two verdicts
// share the most (the same rule as lib/stats/aggregate.ts's majorityVerdict).
const promptVotes = (studyId: string, aggregation: Aggregation, filter: ResultsFilter) => Prisma.sql`
  WITH per_pair AS (
    SELECT s.name AS baseline, v."promptId", v.w, v.t, v.l
      FROM (${pairVerdicts(studyId, filter)}) v
      JOIN "Response" r ON r.id = v."baselineResponseId"
      JOIN "System" s ON s.id = r."systemId"
     WHERE v.w + v.t + v.l > 0
  ), counted AS (
    SELECT baseline, "promptId",
           CASE WHEN ${aggregation} = 'majority' THEN (w > t AND w > l)::int ELSE w END AS w,
           CASE WHEN ${aggregation} = 'majority' THEN (NOT ((w > t AND w > l) OR (l > w AND l > t)))::int ELSE t END AS t,
           CASE WHEN ${aggregation} = 'majority' THEN (l > w AND l > t)::int ELSE l END AS l
      FROM per_pair
  )
  SELECT baseline, w::int AS wins, t::int AS ties, l::int AS losses, count(*)::int AS prompts
    FROM (SELECT baseline, "promptId", sum(w) AS w, sum(t) AS t, sum(l) AS l FROM counted GROUP BY baseline, "promptId") per_prompt
   -- The bootstrap needs only how many prompts gave each count, not which.
   GROUP BY baseline, w, t, l`;

/** Each baseline's bootstrap seed, by its place in the study's order: the page shows the same intervals on every load. */
export const baselineSeed = (index: number) => index + 1;

async function baselineResults(studyId: string, aggregation: Aggregation, filter: ResultsFilter): Promise<BaselineResult[]> {
  const [baselines, votes] = await Promise.all([
    tallyByBaseline(studyId, filter),
    db().$queryRaw<({ baseline: string } & ClusterKind)[]>(promptVotes(studyId, aggregation, filter)),
  ]);
  return baselines.map((baseline, index) => {
    const kinds = votes.filter((row) => row.baseline === baseline.baseline);
    const sum = (key: "wins" | "ties" | "losses") => kinds.reduce((total, kind) => total + kind.prompts * kind[key], 0);
    const tally = { wins: sum("wins"), ties: sum("ties"), losses: sum("losses") };
    return {
      ...baseline,
      ...tally,
      intervals: bootstrapSharesOfKinds(kinds, { seed: baselineSeed(index) }),
      signTestP: signTest(tally.wins, tally.losses).pValue,
    };
  });
}

async function agreement(studyId: string, filter: ResultsFilter): Promise<StudyResults["agreement"]> {
  // Agreement depends only on how many of each verdict a pair received, so pairs are read grouped
  // by those counts: a few dozen rows however many pairs there are.
  const groups = await db().$queryRaw<{ w: number; t: number; l: number; pairs: number }[]>`
    SELECT v.w, v.t, v.l, count(*)::int AS pairs
      FROM (${pairVerdicts(studyId, filter)}) v
     WHERE v.w + v.t + v.l >= 2
     GROUP BY v.w, v.t, v.l`;
  const items = groups.map((group) => ({ counts: [group.w, group.t, group.l], times: group.pairs }));
  const tda = tieDiscountedAccuracyOfGroups(items);
  return {
    tieDiscountedAccuracy: tda.value,
    fleissKappa: fleissKappaOfGroups(items).value,
    krippendorffAlpha: krippendorffAlphaNominalOfGroups(items).value,
    items: tda.items,
    raterPairs: tda.pairs,
  };
}

async function sideVotes(studyId: string, filter: ResultsFilter): Promise<PositionBias> {
  const [votes] = await db().$queryRaw<{ left: number; right: number; neither: number }[]>`
    SELECT coalesce(sum(v."leftVotes"), 0)::int AS left,
           coalesce(sum(v.w + v.l - v."leftVotes"), 0)::int AS right,
           coalesce(sum(v.t), 0)::int AS neither
      FROM (${pairVerdicts(studyId, filter)}) v`;
  return positionBias(votes);
}

export async function studyResults(studyId: string, aggregation: Aggregation, filter: ResultsFilter): Promise<StudyResults> {
  const [baselines, agreed, bias] = await Promise.all([
    baselineResults(studyId, aggregation, filter),
    agreement(studyId, filter),
    sideVotes(studyId, filter),
  ]);
  return { aggregation, baselines, agreement: agreed, positionBias: bias };
}

export interface RaterRow {
  rater: string;
  /** Left out of the results by a researcher; their judgments are kept, and marked in exports. */
  excluded: boolean;
  judgments: number;
  medianSeconds: number | null;
  left: number;
  right: number;
  neither: number;
  goldJudged: number;
  goldCorrect: number;
  /** Of their judgments on pairs judged by others too, how many match the pair's majority. */
  withMajority: number;
  onSharedPairs: number;
}

/**
 * One row per rater: how much, how fast, which side they favour, gold accuracy, agreement. Within
 * the filter's time range and raters, and listing excluded raters too (marked), so that they can
 * be judged and let back in; the majority they are compared with is the counted raters'.
 */
export async function raterRows(studyId: string, filter: ResultsFilter): Promise<RaterRow[]> {
  // One pass over the judgments, each joined to its pair's counted verdicts (all pairs, so that
  // gold judgments are counted too; the majority is only taken on ordinary pairs).
  return db().$queryRaw<RaterRow[]>`
    SELECT ${raterPseudonym(studyId)} AS rater,
           EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = ${studyId} AND x."raterId" = j."raterId") AS excluded,
           count(*) FILTER (WHERE NOT v.gold)::int AS judgments,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY j."timeOnTaskMs") / 1000)::float AS "medianSeconds",
           count(*) FILTER (WHERE j.choice = 'left' AND NOT v.gold)::int AS left,
           count(*) FILTER (WHERE j.choice = 'right' AND NOT v.gold)::int AS right,
           count(*) FILTER (WHERE j.choice = 'neither' AND NOT v.gold)::int AS neither,
           count(*) FILTER (WHERE v.gold)::int AS "goldJudged",
           count(*) FILTER (WHERE j."goldCorrect")::int AS "goldCorrect",
           count(*) FILTER (WHERE NOT v.gold AND v.w + v.t + v.l >= 2 AND j.verdict::text =
             CASE WHEN v.w > v.t AND v.w > v.l THEN 'win' WHEN v.l > v.w AND v.l > v.t THEN 'loss' ELSE 'tie' END)::int AS "withMajority",
           count(*) FILTER (WHERE NOT v.gold AND v.w + v.t + v.l >= 2)::int AS "onSharedPairs"
      FROM "Judgment" j
      JOIN (${pairVerdicts(studyId, { ...filter, gold: true })}) v ON v."pairId" = j."pairId"
     WHERE ${countedJudgments(studyId, filter, { withExcluded: true })}
     GROUP BY j."raterId"
     ORDER BY judgments DESC, rater`;
}
