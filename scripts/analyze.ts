// Usage: npm run analyze -- BUNDLE
// Recomputes every figure of a study bundle offline from its raw records and says, figure by
// figure, whether it matches the one the app wrote inside.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { analyzeBundle, BundleError } from "@/lib/results/analyze-bundle";
import { formatP } from "@/lib/stats/format-p";
import { rates } from "@/lib/stats/rates";

const percent = (share: number | undefined | null) => (share === undefined || share === null ? "–" : `${(100 * share).toFixed(1)}%`);
const fixed = (value: number | null) => (value === null ? "–" : value.toFixed(3));

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    console.error("Usage: npm run analyze -- BUNDLE (a study bundle downloaded from the results page)");
    return 2;
  }
  const { recomputed, differs } = await analyzeBundle(createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity }));
  for (const aggregation of ["every", "majority"] as const) {
    console.log(aggregation === "every" ? "\nEvery judgment:" : "\nOne verdict per pair, by majority:");
    for (const row of recomputed.summary[aggregation]) {
      const r = rates(row);
      const ci = row.intervals;
      console.log(
        `  ${row.baseline}: win ${r.win.toFixed(1)}% [${percent(ci?.win.lower)}, ${percent(ci?.win.upper)}], tie ${r.tie.toFixed(1)}%, ` +
          `loss ${r.loss.toFixed(1)}% (${row.wins} / ${row.ties} / ${row.losses}); equal or better [${percent(ci?.equalOrBetter.lower)}, ${percent(ci?.equalOrBetter.upper)}]; ` +
          `sign test ${r.total ? formatP(row.signTestP) : "–"}; ${row.plan.additional} more for ±5 points${row.fewPrompts && r.total ? "; few prompts" : ""}`,
      );
    }
  }
  const { agreement, positionBias, ranking, raters, length, judges } = recomputed;
  console.log(`\nAgreement over ${agreement.items} pairs judged twice or more: tie-discounted accuracy ${percent(agreement.tieDiscountedAccuracy)}, Fleiss' κ ${fixed(agreement.fleissKappa)}, Krippendorff's α ${fixed(agreement.krippendorffAlpha)}`);
  console.log(`Position bias: ${percent(positionBias.leftShare)} of ${positionBias.decided} decided votes to the left answer (${formatP(positionBias.pValue)})`);
  if (ranking) console.log(`Ranking: ${ranking.systems.map((s) => `${s.rank}. ${s.system} (${Math.exp(s.logStrength.estimate).toFixed(2)})`).join(", ")}`);
  console.log(`Raters: ${raters.length}`);
  for (const [who, rows] of [["raters", length] as const, ...judges.map((judge) => [judge.name, judge.length] as const)]) {
    for (const row of rows) {
      const controlled = row.lengthControlled;
      console.log(
        `Length (${who}), ${row.baseline}: longer answer won ${percent(row.longerAnswerWon.share?.estimate)} of ${row.longerAnswerWon.decided}; ` +
          `length-controlled win rate ${controlled?.ok ? `${percent(controlled.winRate.estimate)} [${percent(controlled.winRate.lower)}, ${percent(controlled.winRate.upper)}]` : (controlled?.reason ?? "–")}`,
      );
    }
  }
  if (differs.length) {
    console.error(`\nThese figures in the bundle differ from this recomputation: ${differs.join(", ")}.`);
    return 1;
  }
  console.log("\nEvery figure in the bundle matches this recomputation.");
  return 0;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof BundleError ? `Not a valid bundle: ${error.message}` : error);
    process.exit(2);
  },
);
