// The results of a study whose raters judge one answer at a time, under the page's filter:
// Postgres counts what each answer (or each turn of it) received, and the pure figures in
// ./answer-figures turn those counts into shares, means, intervals and agreement.
import "server-only";
import { readDb } from "@/lib/db";
import type { KindName } from "@/lib/kinds";
import { studyMeasure, type StudyScale } from "@/lib/kinds/study-measure";
import { KIND_VALUES, valueKeys } from "@/lib/kinds/judgment-values";
import { countedJudgments, countedPairs, type ResultsFilter } from "@/lib/results/results-filter";
import { answerFigures, type AnswerFigures, type AnswerUnit, type SystemSupply } from "@/lib/results/answer-figures";

/** The study's systems in the order the researcher listed them: every results table's rows. */
export async function systemsInOrder(studyId: string): Promise<string[]> {
  const systems = await readDb().system.findMany({ where: { studyId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { name: true } });
  return systems.map((system) => system.name);
}

/** A study whose raters judge one answer at a time, as its results need it. */
export interface AnswerStudy extends StudyScale {
  id: string;
  kind: KindName;
}

/** The study's measure, for a study whose raters judge one answer at a time. */
export function answerMeasure(study: Omit<AnswerStudy, "id">): AnswerFigures["measure"] {
  const measure = studyMeasure(study.kind, study);
  if (measure.shape === "preference") throw new Error(`A ${study.kind} study's raters compare two answers: its results are a preference's.`);
  return measure;
}

async function units(studyId: string, kind: KindName, measure: AnswerFigures["measure"], filter: ResultsFilter): Promise<AnswerUnit[]> {
  const keys = valueKeys(measure);
  const rows = await readDb().$queryRaw<{ system: string; answer: string; turn: number; value: string; n: number }[]>`
    SELECT s.name AS system, p.id AS answer, v.turn::int AS turn, v.value, count(*)::int AS n
      FROM "Pair" p
      JOIN "Judgment" j ON j."pairId" = p.id AND ${countedJudgments(studyId, filter)}
     CROSS JOIN LATERAL (${KIND_VALUES[kind].VALUES_SQL}) v
      JOIN "System" s ON s.id = p."targetSystemId"
     WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)}
     GROUP BY s.name, p.id, v.turn, v.value`;
  const byUnit = new Map<string, AnswerUnit>();
  for (const row of rows) {
    const key = `${row.answer} ${row.turn}`;
    const unit = byUnit.get(key) ?? { system: row.system, answer: row.answer, turn: row.turn, counts: new Array<number>(keys.length).fill(0) };
    unit.counts[keys.indexOf(row.value)] += row.n;
    byUnit.set(key, unit);
  }
  return [...byUnit.values()];
}

/** Each system's answers the filter counts, and their assistant turns (one an answer judged whole). */
function supply(studyId: string, measure: AnswerFigures["measure"], filter: ResultsFilter) {
  const eachTurn = measure.shape === "labels" && measure.turns === "each";
  return readDb().$queryRaw<SystemSupply[]>`
    SELECT s.name AS system, count(*)::int AS answers,
           sum(CASE WHEN ${eachTurn} AND jsonb_typeof(r.turns) = 'array' THEN jsonb_array_length(r.turns) ELSE 1 END)::int AS turns
      FROM "Pair" p JOIN "System" s ON s.id = p."targetSystemId" JOIN "Response" r ON r.id = p."targetResponseId"
     WHERE p."studyId" = ${studyId} AND ${countedPairs(filter)}
     GROUP BY s.name`;
}

export async function answerResults(study: AnswerStudy, filter: ResultsFilter): Promise<AnswerFigures> {
  const measure = answerMeasure(study);
  const [systems, counted, available, settings] = await Promise.all([
    systemsInOrder(study.id),
    units(study.id, study.kind, measure, filter),
    supply(study.id, measure, filter),
    readDb().study.findUniqueOrThrow({ where: { id: study.id }, select: { judgmentsPerPair: true } }),
  ]);
  return answerFigures(measure, systems, counted, available, settings.judgmentsPerPair);
}
