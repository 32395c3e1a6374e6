import "server-only";
import { stringify } from "csv-stringify/sync";
import { spreadsheetSafe } from "@/lib/export/spreadsheet-safe";
import { studyJudgeResults } from "@/lib/judge/judge-results";
import { judgeLengthEffect, lengthEffectByBaseline } from "@/lib/results/length-effect";
import type { ResultsFilter } from "@/lib/results/results-filter";
import { raterRows, studyResults, type Aggregation } from "@/lib/results/study-results";
import { signTestPreference } from "@/lib/stats/baseline-summary";
import { FEW_PROMPTS, labelShares, type ShareIntervals } from "@/lib/stats/clustered-shares";
import type { LengthEffect } from "@/lib/stats/length-control";
import { positionBias } from "@/lib/stats/position-bias";
import { IDENTITY_COLUMNS, identityCells, type RaterIdentity } from "@/lib/results/rater-identity";
import { rates } from "@/lib/stats/rates";

const share = (value: number | undefined) => (value === undefined ? "" : value.toFixed(4));
const safe = (cells: (string | number)[]) => cells.map((cell) => spreadsheetSafe(String(cell)));

const COLUMNS = [
  "source", "baseline", "aggregation", "judgments", "wins", "ties", "losses",
  "win_share", "win_lower", "win_upper", "tie_share", "tie_lower", "tie_upper", "loss_share", "loss_lower", "loss_upper",
  "equal_or_better", "equal_or_better_lower", "equal_or_better_upper", "win_design_effect", "prompts_judged", "few_prompts", "sign_test_p", "preferred",
  "more_for_5_points", "reachable_in_study", "decided_win_share", "longer_answer_won_share", "longer_answer_won_lower", "longer_answer_won_upper", "longer_answer_decided",
  "length_controlled_win_rate", "length_controlled_lower", "length_controlled_upper", "length_slope", "length_slope_se", "length_note",
];
/** Where the study offers "Both are bad" or has some: the judgments of it (among the ties), and their share of every judgment counted. */
const BOTH_BAD_COLUMNS = ["both_bad", "both_bad_share"];

type Row = { wins: number; ties: number; losses: number; intervals: ShareIntervals | null; signTestP: number; preferred: string | null };

function shareCells(b: Row) {
  const r = rates(b);
  const ci = b.intervals;
  return [
    share(r.win / 100), share(ci?.win.lower), share(ci?.win.upper),
    share(r.tie / 100), share(ci?.tie.lower), share(ci?.tie.upper),
    share(r.loss / 100), share(ci?.loss.lower), share(ci?.loss.upper),
    share(r.equalOrBetter / 100), share(ci?.equalOrBetter.lower), share(ci?.equalOrBetter.upper),
    ci ? ci.win.designEffect.toFixed(4) : "", ci?.clusters ?? 0,
  ];
}

function lengthCells(effect: LengthEffect | undefined) {
  const longer = effect?.longerAnswerWon.share;
  const controlled = effect?.lengthControlled;
  return [
    share(effect?.decidedWinShare?.estimate), share(longer?.estimate), share(longer?.lower), share(longer?.upper), effect?.longerAnswerWon.decided ?? 0,
    ...(controlled?.ok
      ? [share(controlled.winRate.estimate), share(controlled.winRate.lower), share(controlled.winRate.upper), controlled.slope.estimate.toFixed(4), controlled.slope.se.toFixed(4), ""]
      : ["", "", "", "", "", controlled?.reason ?? ""]),
  ];
}

/**
 * The results page's numbers per baseline, as filtered there, one row per baseline for the
 * raters ("raters") and one per baseline for each LLM judge (its name; one label a pair, so
 * "judgments" counts pairs, as it does under the majority view): counts, shares with their 95% intervals (Wilson's on the sample divided by
 * the design effect of clustering by prompt), the sign test, the ±5-point planner, and length.
 * Where the study offers "Both are bad" (or has some), two last columns: the raters' judgments of
 * it, which the ties include, and their share of every judgment counted (over every judgment
 * whatever the aggregation, as the page gives it; empty for a judge, which is not offered it).
 */
export async function summaryCsv(studyId: string, aggregation: Aggregation, filter: ResultsFilter): Promise<string> {
  const [{ baselines, bothBadShown }, length, judges] = await Promise.all([studyResults(studyId, aggregation, filter), lengthEffectByBaseline(studyId, filter), studyJudgeResults(studyId)]);
  const bothBadCells = (b: (typeof baselines)[number] | null) => (bothBadShown ? [b?.bothBad?.bothBad ?? "", share(b?.bothBad?.share ?? undefined)] : []);
  const rows = baselines.map((b) => {
    const total = b.wins + b.ties + b.losses;
    return safe([
      "raters", b.baseline, aggregation, total, b.wins, b.ties, b.losses, ...shareCells(b),
      String(b.fewPrompts && total > 0), total ? b.signTestP.toPrecision(6) : "", b.preferred ?? "",
      b.plan.additional, String(b.plan.reachable), ...lengthCells(length.find((row) => row.baseline === b.baseline)), ...bothBadCells(b),
    ]);
  });
  for (const judge of judges) {
    const lengths = await judgeLengthEffect(studyId, judge.id);
    for (const { baseline, agreement: { labels } } of judge.baselines) {
      const total = labels.win + labels.tie + labels.loss;
      const row = { wins: labels.win, ties: labels.tie, losses: labels.loss, intervals: labelShares(labels), ...signTestPreference(labels.win, labels.loss) };
      rows.push(safe([
        judge.name, baseline, "one label a pair", total, labels.win, labels.tie, labels.loss, ...shareCells(row),
        String(total > 0 && total < FEW_PROMPTS), total ? row.signTestP.toPrecision(6) : "", row.preferred ?? "",
        "", "", ...lengthCells(lengths.find((effect) => effect.baseline === baseline)), ...bothBadCells(null),
      ]));
    }
  }
  return stringify(rows, { header: true, columns: bothBadShown ? [...COLUMNS, ...BOTH_BAD_COLUMNS] : COLUMNS });
}

/**
 * The raters table, by pseudonym. Its last two columns: the rater's judgments on ordinary pairs
 * judged by someone else too (another rater counted in the results), and how many of those agree
 * with the majority of the other raters on the pair (the verdict with strictly the most of their
 * votes, a tie when two share the most; the rater's own vote never counts, excluded or not).
 * With `identities` (by pseudonym), who each rater is, after `rater`.
 */
export async function ratersCsv(studyId: string, filter: ResultsFilter, identities?: ReadonlyMap<string, RaterIdentity>): Promise<string> {
  const raters = await raterRows(studyId, filter);
  const columns = ["rater", ...(identities ? IDENTITY_COLUMNS : []), "excluded", "judgments", "median_seconds", "left_votes", "right_votes", "neither_votes", "left_share_of_decided", "position_p", "gold_judged", "gold_correct", "on_pairs_judged_by_someone_else_too", "agrees_with_majority_of_other_raters"];
  const rows = raters.map((r) => {
    const bias = positionBias(r);
    return safe([r.rater, ...(identities ? identityCells(identities.get(r.rater)) : []), String(r.excluded), r.judgments, r.medianSeconds ?? "", r.left, r.right, r.neither, share(bias.leftShare ?? undefined), bias.decided ? bias.pValue.toPrecision(6) : "", r.goldJudged, r.goldCorrect, r.onSharedPairs, r.withMajority]);
  });
  return stringify(rows, { header: true, columns });
}
