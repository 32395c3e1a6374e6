// The summary and raters downloads of a study that judges one answer at a time: the results
// page's numbers under the same filter, one row per system (and per turn of a conversation), and
// one row per rater, with the same pseudonyms as every other download.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { spreadsheetSafe } from "@/lib/export/spreadsheet-safe";
import { valueKeys } from "@/lib/kinds/judgment-values";
import type { AnswerAgreement, LabelSummary } from "@/lib/results/answer-figures";
import { answerRaterRows } from "@/lib/results/answer-raters";
import { answerMeasure, answerResults, type AnswerStudy } from "@/lib/results/answer-results";
import type { ResultsFilter } from "@/lib/results/results-filter";
import { IDENTITY_COLUMNS, identityCells, type RaterIdentity } from "@/lib/results/rater-identity";

const number = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? "" : value.toFixed(4));
const safe = (cells: (string | number)[]) => cells.map((cell) => spreadsheetSafe(String(cell)));

const AGREEMENT_COLUMNS = ["fleiss_kappa", "agreement_items", "alpha_nominal", "alpha_ordinal", "alpha_interval"];
const agreementCells = (agreement: AnswerAgreement) => [
  number(agreement.fleiss.value), agreement.fleiss.items,
  number(agreement.alpha.nominal.value), number(agreement.alpha.ordinal?.value), number(agreement.alpha.interval?.value),
];

const LABEL_COLUMNS = [
  "system", "turn", "answers", "labels", "excellent", "pass", "fail",
  "excellent_share", "excellent_lower", "excellent_upper", "pass_share", "pass_lower", "pass_upper", "fail_share", "fail_lower", "fail_upper",
  "pass_or_better", "pass_or_better_lower", "pass_or_better_upper", "design_effect",
];
function labelCells(system: string, turn: string, labels: LabelSummary) {
  const ci = labels.intervals;
  return [
    system, turn, labels.answers, labels.labels, labels.excellent, labels.pass, labels.fail,
    number(ci?.excellent.estimate), number(ci?.excellent.lower), number(ci?.excellent.upper),
    number(ci?.pass.estimate), number(ci?.pass.lower), number(ci?.pass.upper),
    number(ci?.fail.estimate), number(ci?.fail.lower), number(ci?.fail.upper),
    number(ci?.passOrBetter.estimate), number(ci?.passOrBetter.lower), number(ci?.passOrBetter.upper), number(ci?.passOrBetter.designEffect),
  ];
}

const SCORE_COLUMNS = ["system", "answers", "scores", "mean", "sd", "t_lower", "t_upper", "bootstrap_lower", "bootstrap_upper", "bootstrap_replicates"];

export async function answerSummaryCsv(study: AnswerStudy, filter: ResultsFilter): Promise<string> {
  const figures = await answerResults(study, filter);
  if (figures.measure.shape === "scores") {
    const rows = figures.systems.map(({ system, scores, agreement }) =>
      safe([
        system, scores?.answers ?? 0, scores?.scores ?? 0, number(scores?.mean?.estimate), number(scores?.mean?.sd),
        number(scores?.mean?.lower), number(scores?.mean?.upper), number(scores?.bootstrap?.lower), number(scores?.bootstrap?.upper), scores?.bootstrap?.replicates ?? "",
        ...agreementCells(agreement),
      ]),
    );
    return stringify(rows, { header: true, columns: [...SCORE_COLUMNS, ...AGREEMENT_COLUMNS] });
  }
  const rows = figures.systems.flatMap(({ system, labels, byTurn, agreement }) => [
    safe([...labelCells(system, "all", labels!), ...agreementCells(agreement)]),
    // A turn's agreement is among the raters of that turn; the overall row's is over every turn.
    ...byTurn.map(({ turn, ...summary }) => safe([...labelCells(system, String(turn), summary), "", "", "", "", ""])),
  ]);
  return stringify(rows, { header: true, columns: [...LABEL_COLUMNS, ...AGREEMENT_COLUMNS] });
}

/** One row per rater, by pseudonym; with `identities` (by pseudonym), who each rater is, after `rater`. */
export async function answerRatersCsv(study: AnswerStudy, filter: ResultsFilter, identities?: ReadonlyMap<string, RaterIdentity>): Promise<string> {
  const keys = valueKeys(answerMeasure(study));
  const raters = await answerRaterRows(study, filter);
  const rows = raters.map((rater) => safe([rater.rater, ...(identities ? identityCells(identities.get(rater.rater)) : []), String(rater.excluded), rater.judgments, number(rater.medianSeconds), number(rater.meanScore), ...rater.counts]));
  return stringify(rows, { header: true, columns: ["rater", ...(identities ? IDENTITY_COLUMNS : []), "excluded", "judgments", "median_seconds", "mean_score", ...keys.map((key) => `given_${key}`)] });
}
