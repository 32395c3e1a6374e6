// A study in one file, to reproduce its results elsewhere: JSON lines, each a record with a
// "kind": the header (settings with the study's kind, what its judgments measure, systems in
// order, how intervals are made), then every prompt, response, pair (one answer and no baseline
// in a study whose raters judge one answer at a time), judgment (its verdict, label, score or
// labels per turn), LLM judge and judge's verdict, then every figure the results page shows,
// unfiltered, each as a "figure" record with its name: for a preference between two answers the
// summary every judgment and by majority with its planner, the ties that were "Both are bad" (where
// the study offers it or has some, and the header says whether it offers it), agreement, position bias, ranking,
// raters, length, judges; for one answer at a time the answers' figures and the raters. A pair
// the researchers removed is marked `removed` (its judgments are listed, and no figure counts
// them), as are a judge deleted with its answers kept (`retired`) and a judge's answer that a run
// started again superseded (`superseded`, with its `runId`): listed, in no figure. Raters appear
// only by their pseudonym. Streamed page by page, so memory stays flat.
import "server-only";
import { readDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { studyMeasure } from "@/lib/kinds/study-measure";
import { allFigures } from "@/lib/results/all-figures";
import { BUNDLE_FORMAT, BUNDLE_VERSION } from "@/lib/results/analyze-bundle";
import { answerRaterRows } from "@/lib/results/answer-raters";
import { answerResults } from "@/lib/results/answer-results";
import { ANSWER_FIGURES, namedAnswerFigures } from "@/lib/results/answers-from-judgments";
import { FIGURES, namedFigures } from "@/lib/results/figures-from-judgments";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { SHARE_LEVEL } from "@/lib/stats/clustered-shares";

// Named beside the reader of bundles, which works without the server.
export { BUNDLE_FORMAT, BUNDLE_VERSION };

const PAGE = 2000;

/** How the page's intervals are made, by what the study's judgments measure. */
const INTERVALS = {
  preference: "Wilson on judgments / design effect, clustered by prompt",
  labels: "Wilson on labels / design effect, clustered by answer (one per prompt)",
  scores: "t interval, and percentile bootstrap, over the answers' mean scores",
} as const;

async function header(studyId: string) {
  const study = await readDb().study.findUniqueOrThrow({
    where: { id: studyId },
    select: {
      kind: true, scaleMin: true, scaleMax: true, slug: true, title: true, description: true, instructions: true, status: true, pairDesign: true, judgmentsPerPair: true,
      promptOncePerRater: true, rationaleMode: true, goldRate: true, leaseSeconds: true, offerBothBad: true, simulated: true, createdAt: true,
      targetSystem: { select: { name: true } },
      systems: { select: { name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] },
    },
  });
  const { targetSystem, systems, ...settings } = study;
  const measure = studyMeasure(study.kind, study);
  return {
    kind: "bundle",
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: new Date().toISOString(),
    study: settings,
    measure,
    target: targetSystem?.name ?? null,
    systems: systems.map((system) => system.name),
    intervals: { method: INTERVALS[measure.shape], level: SHARE_LEVEL },
  };
}

/** Each section's rows, by id, a page at a time. Every query selects `id` first, with `$1` the study and `$2` the last id. */
const SECTIONS: { kind: string; sql: (studyId: string, after: string) => Prisma.Sql }[] = [
  {
    kind: "prompt",
    sql: (studyId, after) => Prisma.sql`
      SELECT id, "externalId", text, history, source, tags, position FROM "Prompt"
       WHERE "studyId" = ${studyId} AND id > ${after} ORDER BY id LIMIT ${PAGE}`,
  },
  {
    kind: "response",
    sql: (studyId, after) => Prisma.sql`
      SELECT r.id, r."promptId", s.name AS system, r.text, r.turns FROM "Response" r JOIN "System" s ON s.id = r."systemId"
       WHERE s."studyId" = ${studyId} AND r.id > ${after} ORDER BY r.id LIMIT ${PAGE}`,
  },
  {
    kind: "pair",
    sql: (studyId, after) => Prisma.sql`
      SELECT p.id, p."promptId", p."targetResponseId", ts.name AS target, p."baselineResponseId", bs.name AS baseline,
             p."goldVerdict" AS "goldVerdict", p."removedAt" IS NOT NULL AS removed
        FROM "Pair" p
        JOIN "Response" tr ON tr.id = p."targetResponseId" JOIN "System" ts ON ts.id = tr."systemId"
        LEFT JOIN "Response" br ON br.id = p."baselineResponseId" LEFT JOIN "System" bs ON bs.id = br."systemId"
       WHERE p."studyId" = ${studyId} AND p.id > ${after} ORDER BY p.id LIMIT ${PAGE}`,
  },
  {
    kind: "judgment",
    sql: (studyId, after) => Prisma.sql`
      SELECT j.id, j."pairId", ${raterPseudonym(studyId)} AS rater, j.choice, j."targetSide", j.verdict,
             j.label::text AS label, j.score, j."turnLabels"::text[] AS "turnLabels", j.rationale,
             p."goldVerdict" IS NOT NULL AS gold, j."goldCorrect",
             EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId") AS excluded,
             j."timeOnTaskMs", j."createdAt"
        FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
       WHERE p."studyId" = ${studyId} AND j.id > ${after} ORDER BY j.id LIMIT ${PAGE}`,
  },
  {
    kind: "judge",
    sql: (studyId, after) => Prisma.sql`
      SELECT id, name, model, temperature, "topP", "maxTokens", prompt, "createdAt", "retiredAt" IS NOT NULL AS retired FROM "Judge"
       WHERE "studyId" = ${studyId} AND id > ${after} ORDER BY id LIMIT ${PAGE}`,
  },
  {
    kind: "judgeVerdict",
    sql: (studyId, after) => Prisma.sql`
      SELECT v.id, v."judgeId" AS judge, v."pairId", v."targetSide", v.choice, v.verdict, v.problem, v."runId", v."supersededAt" IS NOT NULL AS superseded
        FROM "JudgeVerdict" v JOIN "Judge" jg ON jg.id = v."judgeId"
       WHERE jg."studyId" = ${studyId} AND v.id > ${after} ORDER BY v.id LIMIT ${PAGE}`,
  },
];

/** Every figure of the page, unfiltered (gold pairs, removed pairs and excluded raters left out), one record each. */
async function figureRecords(studyId: string) {
  const study = await readDb().study.findUniqueOrThrow({ where: { id: studyId }, select: { id: true, kind: true, scaleMin: true, scaleMax: true } });
  if (studyMeasure(study.kind, study).shape === "preference") {
    const figures = namedFigures(await allFigures(studyId));
    return FIGURES.filter((name) => name in figures).map((name) => ({ kind: "figure", name, value: figures[name] }));
  }
  const [answers, raters] = await Promise.all([answerResults(study, EVERY_JUDGMENT), answerRaterRows(study, EVERY_JUDGMENT)]);
  const figures = namedAnswerFigures({ answers, raters });
  return ANSWER_FIGURES.map((name) => ({ kind: "figure", name, value: figures[name] }));
}

export function studyBundle(studyId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const lines = (records: object[]) => encoder.encode(records.map((record) => `${JSON.stringify(record)}\n`).join(""));
  let section = -1;
  let after = "";
  return new ReadableStream<Uint8Array>({
    // Each pull must enqueue something or close: a pull that returns with neither is not called
    // again, and the download would never end (as it did for a study with an empty section).
    async pull(controller) {
      if (section === -1) {
        controller.enqueue(lines([await header(studyId)]));
        section = 0;
        return;
      }
      for (;;) {
        if (section === SECTIONS.length) {
          controller.enqueue(lines(await figureRecords(studyId)));
          controller.close();
          return;
        }
        const { kind, sql } = SECTIONS[section];
        const rows = await readDb().$queryRaw<{ id: string }[]>(sql(studyId, after));
        if (rows.length < PAGE) {
          section += 1;
          after = "";
        } else {
          after = rows[rows.length - 1].id;
        }
        if (rows.length) {
          controller.enqueue(lines(rows.map((row) => ({ kind, ...row }))));
          return;
        }
      }
    },
  });
}
