// The importer's benchmarks (targets from the issue):
//   B-import-1  300 prompts × 6 systems imports in under 2 s end to end.
//   B-import-2  A generated file of 100,000 responses imports with flat memory at no less than a
//               third of the speed of Postgres COPY FROM for the same rows, measured in the same run.
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { databaseUrl, env } from "@/lib/env";
import { describeReport } from "@/lib/importer/describe-report";
import { importFiles, type ImportReport } from "@/lib/importer/import-files";
import { readRecords } from "@/lib/importer/read-file";
import { toResponseRow } from "@/lib/importer/records";
import { fileOnDisk } from "@/lib/importer/sources";
import { createStudy } from "@/lib/studies/create-study";
import { LIMA_TEST_SET_FILE } from "@/lib/studies/lima-test-set";
import { newStudySchema } from "@/lib/validation/study";
import {
  B1_SYSTEMS,
  B2_SYSTEMS,
  csvCell,
  limaAnswerFiles,
  promptId,
  promptLines,
  responseText,
  responseLines,
  writeLines,
} from "./generate";
import { withRssSampling, type MemoryPeak } from "./memory";
import { count, megabytes, perSecond, seconds, type BenchContext, type BenchRow } from "./report";

const B1_RUNS = 5;
const B1_TARGET_MS = 2000;
/** B-import-2: 20,000 prompts × 5 systems; the flatness check's small file is 4,000 × 5. */
const B2_PROMPTS = 20_000;
const B2_SMALL_PROMPTS = 4_000;
const B2_TARGET_RATIO = 1 / 3;
/**
 * Flat memory: the 100,000-response file's peak RSS growth over the 20,000-response file's, per
 * byte of the larger file's extra size. Holding the extra rows would cost at least 1 (more as JS
 * strings); the allowance is for the V8 heap's own resizing, which moves RSS by ±25 MB run to run.
 */
const B2_MAX_MEMORY_PER_FILE_BYTE = 0.25;

async function newStudy(slug: string, target: string, baselines: readonly string[]) {
  const input = newStudySchema.parse({ slug, title: slug, target, baselines: [...baselines], prompts: "own" });
  return createStudy(input, null);
}

function expectImported(report: ImportReport, expected: { prompts?: number; responses?: number; pairs: number }, what: string) {
  const ok =
    report.committed &&
    report.errorCount === 0 &&
    report.prompts.added === (expected.prompts ?? 0) &&
    report.responses.added === (expected.responses ?? 0) &&
    report.pairsAdded === expected.pairs;
  if (!ok) throw new Error(`${what} did not import as expected (${JSON.stringify(expected)}): ${describeReport(report)}`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** B-import-1: the LIMA test set file and six systems' answers, into a new study each time. */
async function limaTestSet(context: BenchContext): Promise<BenchRow[]> {
  const files = limaAnswerFiles();
  for (const file of files) await writeLines(path.join(context.dir, file.name), file.content);
  const [target, ...baselines] = B1_SYSTEMS;
  const prompts = 300;
  const pairs = prompts * baselines.length;

  const times: number[] = [];
  for (let run = 1; run <= B1_RUNS; run++) {
    const study = await newStudy(`bench-lima-${run}`, target, baselines);
    const importFilesList = [fileOnDisk(LIMA_TEST_SET_FILE), ...files.map((file) => fileOnDisk(path.join(context.dir, file.name), file.system))];
    const start = performance.now();
    const report = await importFiles(study.id, importFilesList);
    const ms = performance.now() - start;
    expectImported(report, { prompts, responses: prompts * B1_SYSTEMS.length, pairs }, "B-import-1");
    times.push(ms);
    context.log(`B-import-1 run ${run}/${B1_RUNS}: ${seconds(ms)}`);
  }
  const max = Math.max(...times);
  return [
    {
      benchmark: `B-import-1 end to end: LIMA test set + 6 systems (${count(prompts)} prompts, ${count(prompts * B1_SYSTEMS.length)} responses, ${count(pairs)} pairs), ${B1_RUNS} runs`,
      measured: `median ${seconds(median(times))}, max ${seconds(max)}`,
      baseline: "",
      ratio: "",
      target: `< ${seconds(B1_TARGET_MS)} (max)`,
      pass: max < B1_TARGET_MS,
    },
  ];
}

/** The same rows the importer will write to "Response", as COPY CSV: (id, promptId, systemId, text, turns). */
async function writeCopyCsv(client: pg.Client, studyId: string, prompts: number, file: string) {
  const promptIds = new Map(
    (await client.query<{ externalId: string; id: string }>(`SELECT "externalId", id FROM "Prompt" WHERE "studyId" = $1`, [studyId])).rows.map((row) => [row.externalId, row.id]),
  );
  const systemIds = new Map(
    (await client.query<{ name: string; id: string }>(`SELECT name, id FROM "System" WHERE "studyId" = $1`, [studyId])).rows.map((row) => [row.name, row.id]),
  );
  function* lines() {
    for (let n = 1; n <= prompts; n++) {
      for (const [m, system] of B2_SYSTEMS.entries()) {
        yield [randomUUID(), promptIds.get(promptId(n))!, systemIds.get(system)!, responseText(n, m), null].map(csvCell).join(",");
      }
    }
  }
  return writeLines(file, lines());
}

/** Loads the CSV into a plain table of Response's shape with COPY; times the COPY alone. */
async function timeCopy(client: pg.Client, file: string): Promise<number> {
  await client.query(`DROP TABLE IF EXISTS bench_copy_response`);
  await client.query(`CREATE TABLE bench_copy_response (id text, "promptId" text, "systemId" text, text text, turns jsonb)`);
  const start = performance.now();
  await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_copy_response (id, "promptId", "systemId", text, turns) FROM STDIN (FORMAT csv)`)));
  const ms = performance.now() - start;
  await client.query(`DROP TABLE bench_copy_response`);
  return ms;
}

/** A study holding `prompts` generated prompts (imported untimed), and its responses file. */
async function prepareStudy(context: BenchContext, slug: string, prompts: number) {
  const [target, ...baselines] = B2_SYSTEMS;
  const study = await newStudy(slug, target, baselines);
  const promptsFile = path.join(context.dir, `prompts-${prompts}.jsonl`);
  const responsesFile = path.join(context.dir, `responses-${prompts * B2_SYSTEMS.length}.jsonl`);
  // The same prompt count gives the same files: written once.
  if (!existsSync(promptsFile)) await writeLines(promptsFile, promptLines(prompts));
  if (!existsSync(responsesFile)) await writeLines(responsesFile, responseLines(prompts));
  const bytes = statSync(responsesFile).size;
  expectImported(await importFiles(study.id, [fileOnDisk(promptsFile)]), { prompts, pairs: 0 }, `The ${count(prompts)} prompts`);
  return { study, responsesFile, bytes, responses: prompts * B2_SYSTEMS.length, pairs: prompts * baselines.length };
}

async function timedImport(context: BenchContext, setup: Awaited<ReturnType<typeof prepareStudy>>) {
  const { result, memory } = await withRssSampling(async () => {
    const start = performance.now();
    const report = await importFiles(setup.study.id, [fileOnDisk(setup.responsesFile)]);
    return { report, ms: performance.now() - start };
  });
  expectImported(result.report, { responses: setup.responses, pairs: setup.pairs }, `The ${count(setup.responses)}-response file`);
  context.log(
    `B-import-2 importer, ${count(setup.responses)} responses (${megabytes(setup.bytes)}): ${seconds(result.ms)}, ` +
      `${perSecond(setup.responses, result.ms)}, RSS ${megabytes(memory.before)} → peak ${megabytes(memory.peak)} (+${megabytes(memory.growth)}, ${memory.samples} samples)`,
  );
  return { ms: result.ms, memory };
}

/**
 * Where the importer's time goes, in part: the file read and parsed (readRecords) with and without
 * the per-record validation (toResponseRow), no database. For information; no target.
 */
async function readAndValidate(file: string, rows: number): Promise<BenchRow> {
  const pass = async (validate: boolean) => {
    const start = performance.now();
    let valid = 0;
    for await (const raw of readRecords(fileOnDisk(file), Number.MAX_SAFE_INTEGER)) {
      if ("record" in raw && (!validate || toResponseRow(raw.record, env().IMPORT_MAX_TEXT_CHARS).ok)) valid += 1;
    }
    if (valid !== rows) throw new Error(`Read ${valid} valid records of ${rows} from ${file}`);
    return performance.now() - start;
  };
  const readMs = await pass(false);
  const validateMs = await pass(true);
  return {
    benchmark: `B-import-2 where the time goes: reading + validating the ${count(rows)}-response file alone, no database`,
    measured: `${perSecond(rows, validateMs)} (${seconds(validateMs)})`,
    baseline: `reading alone ${perSecond(rows, readMs)} (${seconds(readMs)})`,
    ratio: (readMs / validateMs).toFixed(2),
    target: "",
    pass: null,
  };
}

/**
 * The baseline: the same rows COPY'd straight into "Response" (its primary key, unique index and
 * two foreign keys), in a transaction rolled back. What loading these rows where they belong costs
 * at best, before the importer's own work (validation, staging, checks, pairs).
 */
async function timeCopyIntoResponse(client: pg.Client, file: string): Promise<number> {
  await client.query("BEGIN");
  try {
    const start = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY "Response" (id, "promptId", "systemId", text, turns) FROM STDIN (FORMAT csv)`)));
    return performance.now() - start;
  } finally {
    await client.query("ROLLBACK");
  }
}

/** B-import-2: 100,000 responses against COPY of the same rows, and memory against a 20,000-response file. */
async function largeFile(context: BenchContext): Promise<BenchRow[]> {
  context.log("B-import-2: generating files and the studies' prompts…");
  const small = await prepareStudy(context, "bench-responses-small", B2_SMALL_PROMPTS);
  const large = await prepareStudy(context, "bench-responses-large", B2_PROMPTS);

  // Into a study of its own: the rolled-back rows leave dead index entries behind.
  const reference = await prepareStudy(context, "bench-responses-reference", B2_PROMPTS);

  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  const plainMs: number[] = [];
  const responseMs: number[] = [];
  let smallRun: { ms: number; memory: MemoryPeak };
  let largeRun: { ms: number; memory: MemoryPeak };
  try {
    const plainCsv = path.join(context.dir, `copy-${large.responses}.csv`);
    const responseCsv = path.join(context.dir, `copy-reference-${large.responses}.csv`);
    const csvBytes = await writeCopyCsv(client, large.study.id, B2_PROMPTS, plainCsv);
    await writeCopyCsv(client, reference.study.id, B2_PROMPTS, responseCsv);
    const copies = async (when: string) => {
      plainMs.push(await timeCopy(client, plainCsv));
      responseMs.push(await timeCopyIntoResponse(client, responseCsv));
      context.log(
        `B-import-2 COPY ${when}, ${count(large.responses)} rows (${megabytes(csvBytes)} CSV): into "Response" ${seconds(responseMs.at(-1)!)}, ` +
          `${perSecond(large.responses, responseMs.at(-1)!)}; into a plain table ${seconds(plainMs.at(-1)!)}, ${perSecond(large.responses, plainMs.at(-1)!)}`,
      );
    };
    // COPY before and after the importer; the faster counts, so the ratio errs against the importer.
    await copies("before");
    smallRun = await timedImport(context, small);
    largeRun = await timedImport(context, large);
    await copies("after");
  } finally {
    await client.end();
  }
  const bestResponseMs = Math.min(...responseMs);
  const bestPlainMs = Math.min(...plainMs);
  const validation = await readAndValidate(small.responsesFile, small.responses);
  context.log(`B-import-2 reading + validating ${count(small.responses)} responses: ${validation.measured}; ${validation.baseline}`);

  const speedRatio = bestResponseMs / largeRun.ms;
  // Memory that grew with the file would grow by at least the extra file's size (MB per MB ≥ 1).
  const extraFileBytes = large.bytes - small.bytes;
  const memoryPerFileByte = (largeRun.memory.growth - smallRun.memory.growth) / extraFileBytes;
  const importer = `${perSecond(large.responses, largeRun.ms)} (${seconds(largeRun.ms)})`;
  return [
    {
      benchmark: `B-import-2 speed: ${count(large.responses)} responses (${megabytes(large.bytes)} JSONL; ${count(large.pairs)} pairs), end to end`,
      measured: importer,
      baseline: `COPY into "Response" ${perSecond(large.responses, bestResponseMs)} (${seconds(bestResponseMs)})`,
      ratio: speedRatio.toFixed(2),
      target: `≥ ${B2_TARGET_RATIO.toFixed(2)}`,
      pass: speedRatio >= B2_TARGET_RATIO,
    },
    {
      benchmark: `B-import-2 flat memory: peak RSS growth, ${count(large.responses)} vs ${count(small.responses)} responses (ratio: MB per MB of extra file)`,
      measured: `+${megabytes(largeRun.memory.growth)} (peak ${megabytes(largeRun.memory.peak)})`,
      baseline: `+${megabytes(smallRun.memory.growth)} (peak ${megabytes(smallRun.memory.peak)})`,
      ratio: memoryPerFileByte.toFixed(2),
      target: `≤ ${B2_MAX_MEMORY_PER_FILE_BYTE.toFixed(2)}`,
      pass: memoryPerFileByte <= B2_MAX_MEMORY_PER_FILE_BYTE,
    },
    {
      benchmark: `B-import-2 lower bound: the same rows COPY'd into a plain table (no keys, indexes or checks)`,
      measured: importer,
      baseline: `plain-table COPY ${perSecond(large.responses, bestPlainMs)} (${seconds(bestPlainMs)})`,
      ratio: (bestPlainMs / largeRun.ms).toFixed(2),
      target: "",
      pass: null,
    },
    validation,
  ];
}

export async function importBenchmarks(context: BenchContext): Promise<BenchRow[]> {
  return [...(await limaTestSet(context)), ...(await largeFile(context))];
}
