// The summary and raters downloads of any study: a preference study's per baseline, the others'
// per system, as the kind's measure decides.
import "server-only";
import { answerRatersCsv, answerSummaryCsv } from "@/lib/export/answer-summary-csv";
import { ratersCsv, summaryCsv } from "@/lib/export/summary-csv";
import { KINDS } from "@/lib/kinds";
import type { AnswerStudy } from "@/lib/results/answer-results";
import { raterIdentities } from "@/lib/results/rater-identities";
import type { ResultsFilter } from "@/lib/results/results-filter";
import type { Aggregation } from "@/lib/results/study-results";

type Study = AnswerStudy;

export const studySummaryCsv = (study: Study, aggregation: Aggregation, filter: ResultsFilter) =>
  KINDS[study.kind].measure.shape === "preference" ? summaryCsv(study.id, aggregation, filter) : answerSummaryCsv(study, filter);

/** The raters table, by pseudonym; with `identities` (the researcher asked), who each rater is beside it. */
export async function studyRatersCsv(study: Study, filter: ResultsFilter, { identities = false }: { identities?: boolean } = {}) {
  const who = identities ? await raterIdentities(study.id) : undefined;
  return KINDS[study.kind].measure.shape === "preference" ? ratersCsv(study.id, filter, who) : answerRatersCsv(study, filter, who);
}
