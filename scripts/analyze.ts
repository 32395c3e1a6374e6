// Usage: npm run analyze -- BUNDLE
// Recomputes a study bundle's summary offline and says whether it matches the one inside.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { analyzeBundle, BundleError } from "@/lib/results/analyze-bundle";
import { rates } from "@/lib/stats/rates";

const percent = (share: number | undefined) => (share === undefined ? "–" : `${(100 * share).toFixed(1)}%`);

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    console.error("Usage: npm run analyze -- BUNDLE (a study bundle downloaded from the results page)");
    return 2;
  }
  const analysis = await analyzeBundle(createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity }));
  for (const aggregation of ["every", "majority"] as const) {
    console.log(aggregation === "every" ? "\nEvery judgment:" : "\nOne verdict per pair, by majority:");
    for (const row of analysis.recomputed[aggregation]) {
      const r = rates(row);
      const ci = row.intervals;
      console.log(
        `  ${row.baseline}: win ${r.win.toFixed(1)}% [${percent(ci?.win.lower)}, ${percent(ci?.win.upper)}], tie ${r.tie.toFixed(1)}%, ` +
          `loss ${r.loss.toFixed(1)}% (${row.wins} / ${row.ties} / ${row.losses}); sign test p = ${row.signTestP.toPrecision(4)}`,
      );
    }
  }
  if (analysis.differs.length) {
    console.error(`\nThe bundle's own summary differs from this recomputation (${analysis.differs.join(", ")}).`);
    return 1;
  }
  console.log("\nThe bundle's own summary matches this recomputation exactly.");
  return 0;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof BundleError ? `Not a valid bundle: ${error.message}` : error);
    process.exit(2);
  },
);
