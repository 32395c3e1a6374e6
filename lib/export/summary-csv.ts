import "server-only";
import { stringify } from "csv-stringify/sync";
import { spreadsheetSafe } from "@/lib/export/spreadsheet-safe";
import type { ResultsFilter } from "@/lib/results/results-filter";
import { raterRows, studyResults, type Aggregation } from "@/lib/results/study-results";
import { positionBias } from "@/lib/stats/position-bias";
import { rates } from "@/lib/stats/rates";

const share = (value: number | undefined) => (value === undefined ? "" : value.toFixed(4));
const safe = (cells: (string | number)[]) => cells.map((cell) => spreadsheetSafe(String(cell)));

/** The results page's table per baseline, as filtered there: counts, shares, 95% bootstrap bounds, sign test. */
export async function summaryCsv(studyId: string, aggregation: Aggregation, filter: ResultsFilter): Promise<string> {
  const { baselines } = await studyResults(studyId, aggregation, filter);
  const columns = ["baseline", "aggregation", "judgments", "wins", "ties", "losses", "win_share", "win_lower", "win_upper", "tie_share", "tie_lower", "tie_upper", "loss_share", "loss_lower", "loss_upper", "equal_or_better", "equal_or_better_lower", "equal_or_better_upper", "sign_test_p"];
  const rows = baselines.map((b) => {
    const r = rates(b);
    const ci = b.intervals;
    return safe([
      b.baseline, aggregation, r.total, b.wins, b.ties, b.losses,
      share(r.win / 100), share(ci?.win.lower), share(ci?.win.upper),
      share(r.tie / 100), share(ci?.tie.lower), share(ci?.tie.upper),
      share(r.loss / 100), share(ci?.loss.lower), share(ci?.loss.upper),
      share(r.equalOrBetter / 100), share(ci?.equalOrBetter.lower), share(ci?.equalOrBetter.upper),
      r.total ? b.signTestP.toPrecision(6) : "",
    ]);
  });
  return stringify(rows, { header: true, columns });
}

/**
 * The raters table, by pseudonym. Its last two columns: the rater's judgments on ordinary pairs
 * judged by someone else too (another rater counted in the results), and how many of those agree
 * with the majority of the other raters on the pair (the verdict with strictly the most of their
 * votes, a tie when two share the most; the rater's own vote never counts, excluded or not).
 */
export async function ratersCsv(studyId: string, filter: ResultsFilter): Promise<string> {
  const raters = await raterRows(studyId, filter);
  const columns = ["rater", "excluded", "judgments", "median_seconds", "left_votes", "right_votes", "neither_votes", "left_share_of_decided", "position_p", "gold_judged", "gold_correct", "on_pairs_judged_by_someone_else_too", "agrees_with_majority_of_other_raters"];
  const rows = raters.map((r) => {
    const bias = positionBias(r);
    return safe([r.rater, String(r.excluded), r.judgments, r.medianSeconds ?? "", r.left, r.right, r.neither, share(bias.leftShare ?? undefined), bias.decided ? bias.pValue.toPrecision(6) : "", r.goldJudged, r.goldCorrect, r.onSharedPairs, r.withMajority]);
  });
  return stringify(rows, { header: true, columns });
}
