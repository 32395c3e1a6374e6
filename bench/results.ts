// The results' benchmarks (targets from the issue):
//   B-results-1  A study with one million judgments shows its dashboard within 1.5 s and within
//                1.5 times the time of a bare SQL GROUP BY over the same rows.
//   B-results-2  One million judgments export as CSV with flat memory at no less than half the
//                speed of Postgres COPY ... TO STDOUT CSV for the same rows.
import { Readable, Writable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { databaseUrl } from "@/lib/env";
import { judgmentsExport, judgmentsSelect } from "@/lib/export/judgments-export";
import { DEFAULT_KIND } from "@/lib/kinds";
import { pairwiseFigureOne } from "@/lib/figures/study-figures";
import { breakdownBySourceAndTag } from "@/lib/results/breakdown";
import { lengthEffectByBaseline } from "@/lib/results/length-effect";
import { studyProgress } from "@/lib/results/progress";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { raterRows, studyResults } from "@/lib/results/study-results";
import { systemRanking } from "@/lib/results/system-ranking";
import { buildPairs } from "@/lib/studies/build-pairs";
import { createStudy } from "@/lib/studies/create-study";
import { newStudySchema } from "@/lib/validation/study";
import { withRssSampling } from "./memory";
import { count, megabytes, perSecond, seconds, type BenchContext, type BenchRow } from "./report";

/** 20,000 prompts × 5 baselines = 100,000 pairs, each judged by the same 10 raters: 1,000,000 judgments. */
const PROMPTS = 20_000;
const BASELINES = ["Alpaca 65B", "DaVinci003", "Bard", "Claude", "GPT-4"];
const RATERS = 10;
const RUNS = 3;
const DASHBOARD_TARGET_MS = 1500;
const DASHBOARD_MAX_RATIO = 1.5;
const EXPORT_TARGET_RATIO = 0.5;
const EXPORT_MAX_GROWTH_BYTES = 100 * 1024 * 1024;

/**
 * The study, written by SQL in bulk: prompts (a quarter from Reddit, some tagged), one response per
 * system, the pairs (the app's own buildPairs), raters, and one done assignment and judgment per
 * pair and rater, spread over 30 days, verdicts drawn from a hash (about 50% win, 20% tie, 30%
 * loss). Triggers are off while loading, as for a restore; the counts they keep are then set.
 */
async function seedMillion(client: pg.Client): Promise<string> {
  const study = await createStudy(newStudySchema.parse({ slug: "bench-million", title: "One million judgments", target: "LIMA", baselines: BASELINES, prompts: "own" }), null);
  await client.query(
    `INSERT INTO "Prompt" (id, "studyId", "externalId", text, source, tags, position)
     SELECT 'bench-p' || n, $1, 'q' || n, 'Prompt number ' || n,
            CASE WHEN n % 4 = 0 THEN 'reddit-askreddit' ELSE 'author-written' END,
            CASE WHEN n % 10 = 0 THEN ARRAY['sensitive'] ELSE ARRAY[]::text[] END, n
       FROM generate_series(1, ${PROMPTS}) n`,
    [study.id],
  );
  await client.query(
    `INSERT INTO "Response" (id, "promptId", "systemId", text)
     SELECT 'bench-r' || n || '-' || s.position, 'bench-p' || n, s.id, s.name || '''s answer to prompt ' || n
       FROM generate_series(1, ${PROMPTS}) n CROSS JOIN "System" s WHERE s."studyId" = $1`,
    [study.id],
  );
  await buildPairs(study.id);
  await client.query(
    `INSERT INTO "User" (id, email, name, role, "passwordHash")
     SELECT 'bench-rater-' || n, 'bench-rater-' || n || '@example.com', 'Bench rater ' || n, 'rater', 'not a hash: cannot sign in'
       FROM generate_series(1, ${RATERS}) n`,
  );
  await client.query("BEGIN");
  await client.query("SET LOCAL session_replication_role = replica");
  await client.query(
    `INSERT INTO "Assignment" (id, "pairId", "raterId", "targetSide", status, "leaseExpiresAt", "shownAt", "createdAt")
     SELECT 'bench-a-' || p.id || '-' || n, p.id, 'bench-rater-' || n,
            CASE WHEN hashtext(p.id || n) % 2 = 0 THEN 'left' ELSE 'right' END::"Side", 'done',
            t, t - interval '40 seconds', t - interval '40 seconds'
       FROM "Pair" p CROSS JOIN generate_series(1, ${RATERS}) n
       CROSS JOIN LATERAL (SELECT timestamp '2026-01-01' + (abs(hashtext(p.id || 't' || n)) % (30 * 86400)) * interval '1 second' AS t) at
      WHERE p."studyId" = $1`,
    [study.id],
  );
  await client.query(
    `INSERT INTO "Judgment" (id, "assignmentId", "studyId", "pairId", "raterId", choice, verdict, "targetSide", "timeOnTaskMs", "createdAt")
     SELECT 'bench-j-' || a.id, a.id, p."studyId", a."pairId", a."raterId",
            CASE v.verdict WHEN 'tie' THEN 'neither' WHEN 'win' THEN a."targetSide"::text
                 ELSE CASE a."targetSide" WHEN 'left' THEN 'right' ELSE 'left' END END::"Choice",
            v.verdict::"Verdict", a."targetSide", 20000 + abs(hashtext(a.id)) % 60000, a."leaseExpiresAt"
       FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
       CROSS JOIN LATERAL (SELECT CASE WHEN abs(hashtext(a.id || 'v')) % 10 < 5 THEN 'win'
                                       WHEN abs(hashtext(a.id || 'v')) % 10 < 7 THEN 'tie' ELSE 'loss' END AS verdict) v
      WHERE p."studyId" = $1`,
    [study.id],
  );
  await client.query(`UPDATE "Pair" SET "heldCount" = ${RATERS} WHERE "studyId" = $1`, [study.id]);
  await client.query(
    `UPDATE "Pair" p SET wins = c.wins, ties = c.ties, losses = c.losses, "leftVotes" = c.left_votes
       FROM (SELECT j."pairId", count(*) FILTER (WHERE j.verdict = 'win')::int AS wins, count(*) FILTER (WHERE j.verdict = 'tie')::int AS ties,
                    count(*) FILTER (WHERE j.verdict = 'loss')::int AS losses, count(*) FILTER (WHERE j.choice = 'left')::int AS left_votes
               FROM "Judgment" j JOIN "Pair" jp ON jp.id = j."pairId" WHERE jp."studyId" = $1 GROUP BY j."pairId") c
      WHERE c."pairId" = p.id`,
    [study.id],
  );
  await client.query(
    `INSERT INTO "JudgmentDay" ("studyId", "raterId", day, judgments)
     SELECT p."studyId", j."raterId", j."createdAt"::date, count(*)::int
       FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."studyId" = $1 GROUP BY 1, 2, 3`,
    [study.id],
  );
  await client.query("SELECT recount_rater_tallies($1)", [study.id]);
  await client.query("SELECT recount_study_room($1)", [study.id]);
  await client.query("COMMIT");
  await client.query(`VACUUM ANALYZE "Prompt", "Response", "Pair", "Assignment", "Judgment", "RaterTally"`);
  return study.id;
}

/** Figure 1 as the page draws it, from the page's own results. */
async function figureOne(studyId: string) {
  const results = await studyResults(studyId, "every", EVERY_JUDGMENT);
  return pairwiseFigureOne({ id: studyId, slug: "bench-million", kind: DEFAULT_KIND, simulated: false }, "LIMA", results);
}

/** What the results page computes, as the page does: all of it at once, Figure 1 drawn. */
function dashboard(studyId: string) {
  return Promise.all([
    figureOne(studyId),
    studyProgress(studyId, EVERY_JUDGMENT),
    systemRanking(studyId, EVERY_JUDGMENT),
    breakdownBySourceAndTag(studyId, EVERY_JUDGMENT),
    raterRows(studyId, EVERY_JUDGMENT),
    lengthEffectByBaseline(studyId, EVERY_JUDGMENT),
  ]);
}

/** The baseline: wins, ties and losses per baseline, one GROUP BY over the same judgments. */
const BARE_GROUP_BY = `
  SELECT s.name, j.verdict, count(*)
    FROM "Judgment" j
    JOIN "Pair" p ON p.id = j."pairId"
    JOIN "Response" r ON r.id = p."baselineResponseId"
    JOIN "System" s ON s.id = r."systemId"
   WHERE p."studyId" = $1
   GROUP BY 1, 2`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function dashboardBenchmark(context: BenchContext, client: pg.Client, studyId: string): Promise<BenchRow> {
  const dashboardMs: number[] = [];
  const bareMs: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    bareMs.push(await timed(() => client.query(BARE_GROUP_BY, [studyId])));
    dashboardMs.push(await timed(() => dashboard(studyId)));
    context.log(`B-results-1 run ${run}/${RUNS}: dashboard ${seconds(dashboardMs.at(-1)!)}, bare GROUP BY ${seconds(bareMs.at(-1)!)}`);
  }
  // The parts one by one, to say where the time goes.
  const parts: [string, () => Promise<unknown>][] = [
    ["results (tallies, intervals, planner, agreement, position bias) and Figure 1", () => figureOne(studyId)],
    ["progress", () => studyProgress(studyId, EVERY_JUDGMENT)],
    ["ranking", () => systemRanking(studyId, EVERY_JUDGMENT)],
    ["breakdown", () => breakdownBySourceAndTag(studyId, EVERY_JUDGMENT)],
    ["raters", () => raterRows(studyId, EVERY_JUDGMENT)],
    ["length", () => lengthEffectByBaseline(studyId, EVERY_JUDGMENT)],
  ];
  const partTimes = [];
  for (const [name, work] of parts) partTimes.push(`${name} ${seconds(await timed(work))}`);
  context.log(`B-results-1 one by one: ${partTimes.join(", ")}`);

  const best = Math.min(...dashboardMs);
  const worst = Math.max(...dashboardMs);
  const bare = Math.min(...bareMs);
  const ratio = best / bare;
  return {
    benchmark: `B-results-1 dashboard of ${count(1_000_000)} judgments (${count(PROMPTS * BASELINES.length)} pairs × ${RATERS} raters), every query the page runs, ${RUNS} runs`,
    measured: `best ${seconds(best)}, worst ${seconds(worst)}`,
    baseline: `bare GROUP BY ${seconds(bare)} (best)`,
    ratio: ratio.toFixed(2),
    target: `< ${seconds(DASHBOARD_TARGET_MS)}, ≤ ${DASHBOARD_MAX_RATIO}×`,
    pass: best < DASHBOARD_TARGET_MS && ratio <= DASHBOARD_MAX_RATIO,
  };
}

/** Counts bytes and drops them: the download's consumer. */
function sink(counter: { bytes: number }) {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done();
    },
  });
}

/** The export's own query, written as CSV by Postgres. */
const copyQuery = (studyId: string) => `COPY (${judgmentsSelect(studyId)}) TO STDOUT (FORMAT csv, HEADER)`;

async function exportBenchmark(context: BenchContext, client: pg.Client, studyId: string): Promise<BenchRow[]> {
  const copied = { bytes: 0 };
  const copyMs = await timed(() => pipeline(client.query(copyTo(copyQuery(studyId))), sink(copied)));
  context.log(`B-results-2 COPY TO STDOUT: ${seconds(copyMs)}, ${megabytes(copied.bytes)}`);
  const exported = { bytes: 0 };
  const { result: exportMs, memory } = await withRssSampling(() => timed(async () => pipeline(Readable.fromWeb((await judgmentsExport(studyId, "csv")) as WebReadableStream), sink(exported))));
  context.log(`B-results-2 export: ${seconds(exportMs)}, ${megabytes(exported.bytes)}, RSS ${megabytes(memory.before)} → peak ${megabytes(memory.peak)}`);
  const copyAgainMs = await timed(() => pipeline(client.query(copyTo(copyQuery(studyId))), sink({ bytes: 0 })));
  const bestCopy = Math.min(copyMs, copyAgainMs);
  const ratio = bestCopy / exportMs;
  return [
    {
      benchmark: `B-results-2 CSV export of ${count(1_000_000)} judgments (${megabytes(exported.bytes)}), streamed to the end`,
      measured: `${perSecond(1_000_000, exportMs)} (${seconds(exportMs)})`,
      baseline: `COPY TO STDOUT CSV ${perSecond(1_000_000, bestCopy)} (${seconds(bestCopy)})`,
      ratio: ratio.toFixed(2),
      target: `≥ ${EXPORT_TARGET_RATIO.toFixed(2)}`,
      pass: ratio >= EXPORT_TARGET_RATIO,
    },
    {
      benchmark: "B-results-2 the export's memory: peak RSS growth while streaming",
      measured: `+${megabytes(memory.growth)} (peak ${megabytes(memory.peak)})`,
      baseline: `export ${megabytes(exported.bytes)}`,
      ratio: (memory.growth / exported.bytes).toFixed(2),
      target: `< ${megabytes(EXPORT_MAX_GROWTH_BYTES)}`,
      pass: memory.growth < EXPORT_MAX_GROWTH_BYTES,
    },
  ];
}

export async function resultsBenchmarks(context: BenchContext): Promise<BenchRow[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const start = performance.now();
    const studyId = await seedMillion(client);
    context.log(`B-results: ${count(1_000_000)} judgments seeded in ${seconds(performance.now() - start)}`);
    // The export first, while the heap is still small: the dashboard's runs grow it by hundreds of
    // megabytes, which would hide the export's own growth.
    const exported = await exportBenchmark(context, client, studyId);
    return [await dashboardBenchmark(context, client, studyId), ...exported];
  } finally {
    await client.end();
  }
}
