// `npm run bench [-- NAME...]`: runs the benchmarks (all, or those named) on a fresh database and
// prints one table. A missed target is reported, not failed: the exit code is 0 unless a
// benchmark could not run at all. See bench/README.md.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import pg from "pg";
import { disconnectDb } from "@/lib/db";
import { setDatabaseUrl } from "@/lib/env";
import { createTestDatabase } from "@/lib/postgres/test-database";
import { browserBenchmarks } from "./browser";
import { importBenchmarks } from "./import";
import { raterLoopBenchmarks } from "./rater-loop";
import { resultsBenchmarks } from "./results";
import { formatTable, type Benchmark, type BenchRow } from "./report";

/** One entry per file under bench/. */
const BENCHMARKS: Record<string, Benchmark> = {
  import: importBenchmarks,
  "rater-loop": raterLoopBenchmarks,
  browser: browserBenchmarks,
  results: resultsBenchmarks,
};

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHMARKS));
  if (unknown.length) {
    console.error(`Unknown benchmark ${unknown.join(", ")}; there are: ${Object.keys(BENCHMARKS).join(", ")}`);
    process.exit(2);
  }
  const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
  const log = (line: string) => console.error(`  ${line}`);

  // Other work on the machine slows every figure: the load averages go with the table.
  const loadBefore = loadavg()[0];
  const started = performance.now();
  const database = await createTestDatabase();
  setDatabaseUrl(database.url);
  const dir = mkdtempSync(path.join(tmpdir(), "pairwise-bench-"));
  const rows: BenchRow[] = [];
  let failed = false;
  let postgres = "?";
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    postgres = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
    await client.end();
    for (const name of names) {
      console.error(`Running ${name}…`);
      try {
        rows.push(...(await BENCHMARKS[name]({ dir, log })));
      } catch (error) {
        failed = true;
        console.error(error);
        rows.push({ benchmark: `${name}: could not run (${(error as Error).message})`, measured: "", baseline: "", ratio: "", target: "", pass: false });
      }
    }
  } finally {
    await disconnectDb();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }

  const machine = `${availableParallelism()} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}, PostgreSQL ${postgres}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`;
  console.log(`\nBenchmarks (${machine}; ${((performance.now() - started) / 1000).toFixed(0)} s in all)\n`);
  console.log(formatTable(rows));
  const missed = rows.filter((row) => row.pass === false);
  if (missed.length) {
    console.log("");
    for (const row of missed) console.log(`MISSED: ${row.benchmark}: ${row.measured || "did not run"} (target ${row.target || "—"})`);
    console.log("(Benchmarks report, tests assert: a missed target does not fail the run.)");
  } else {
    console.log("\nEvery target met.");
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
