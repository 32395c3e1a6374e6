// Usage: npm run analyze -- BUNDLE (or --help)
// Recomputes every figure of a study bundle (of any kind) offline from its raw records and says,
// figure by figure, whether it matches the one the app wrote inside, or where it first differs.
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { analyzeBundle, BundleError, type Analysis } from "@/lib/results/analyze-bundle";
import type { AnswerAgreement, LabelSummary } from "@/lib/results/answer-figures";
import type { AnswerStudyFigures } from "@/lib/results/answers-from-judgments";
import type { StudyFigures } from "@/lib/results/figures-from-judgments";
import type { ClusteredInterval } from "@/lib/stats/clustered-shares";
import { formatP } from "@/lib/stats/format-p";
import { rates } from "@/lib/stats/rates";

const percent = (share: number | undefined | null) => (share === undefined || share === null ? "–" : `${(100 * share).toFixed(1)}%`);
const fixed = (value: number | null) => (value === null ? "–" : value.toFixed(3));

function printPreference({ summary, bothBad, agreement, positionBias, ranking, raters, length, judges }: StudyFigures) {
  for (const aggregation of ["every", "majority"] as const) {
    console.log(aggregation === "every" ? "\nEvery judgment:" : "\nOne verdict per pair, by majority:");
    for (const row of summary[aggregation]) {
      const r = rates(row);
      const ci = row.intervals;
      console.log(
        `  ${row.baseline}: win ${r.win.toFixed(1)}% [${percent(ci?.win.lower)}, ${percent(ci?.win.upper)}], tie ${r.tie.toFixed(1)}%, ` +
          `loss ${r.loss.toFixed(1)}% (${row.wins} / ${row.ties} / ${row.losses}); equal or better [${percent(ci?.equalOrBetter.lower)}, ${percent(ci?.equalOrBetter.upper)}]; ` +
          `sign test ${r.total ? formatP(row.signTestP) : "–"}; ${row.plan.additional} more for ±5 points${row.fewPrompts && r.total ? "; few prompts" : ""}`,
      );
    }
  }
  if (bothBad) {
    console.log('\n"Both are bad", among the ties (every judgment):');
    for (const row of bothBad) console.log(`  ${row.baseline}: ${row.bothBad} of ${row.ties} tied judgments, ${percent(row.share)} of ${row.judgments}`);
  }
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
}

const shareWithInterval = (interval: ClusteredInterval | undefined) => (interval ? `${percent(interval.estimate)} [${percent(interval.lower)}, ${percent(interval.upper)}]` : "–");
const labelLine = (labels: LabelSummary) =>
  `${labels.labels} labels on ${labels.answers} answers: excellent ${shareWithInterval(labels.intervals?.excellent)}, pass ${shareWithInterval(labels.intervals?.pass)}, ` +
  `fail ${shareWithInterval(labels.intervals?.fail)}; pass or better ${shareWithInterval(labels.intervals?.passOrBetter)}`;
const agreementLine = ({ fleiss, alpha }: AnswerAgreement) =>
  `Fleiss' κ ${fixed(fleiss.value)} over ${fleiss.items} items, Krippendorff's α ${fixed(alpha.nominal.value)} nominal` +
  (alpha.ordinal ? `, ${fixed(alpha.ordinal.value)} ordinal` : "") +
  (alpha.interval ? `, ${fixed(alpha.interval.value)} interval` : "");

function printAnswers({ answers, raters }: AnswerStudyFigures) {
  const points = answers.measure.shape === "scores" ? (value: number) => `±${value.toFixed(2)}` : (value: number) => `±${(100 * value).toFixed(1)} points`;
  console.log("\nEvery judgment, per system:");
  for (const { system, labels, byTurn, scores, agreement, precision } of answers.systems) {
    if (labels) console.log(`  ${system}: ${labelLine(labels)}`);
    for (const turn of byTurn) console.log(`    turn ${turn.turn}: ${labelLine(turn)}`);
    if (scores) {
      const { mean, bootstrap } = scores;
      console.log(
        `  ${system}: mean score ${mean ? `${mean.estimate.toFixed(2)} [${mean.lower.toFixed(2)}, ${mean.upper.toFixed(2)}]` : "–"}, ` +
          `bootstrap [${bootstrap ? `${bootstrap.lower.toFixed(2)}, ${bootstrap.upper.toFixed(2)}` : "–"}] over ${scores.answers} answers (${scores.scores} scores: ${scores.distribution.join(" / ")})`,
      );
    }
    const more = precision.additional === 0 ? "reached" : Number.isFinite(precision.additional) ? `${precision.additional} more` : "too few answers yet";
    console.log(`    ${precision.of}: ${Number.isFinite(precision.halfWidth) ? points(precision.halfWidth) : "–"} now, for ${points(precision.target)} ${more}${precision.fewPrompts ? "; few prompts" : ""}; agreement: ${agreementLine(agreement)}`);
  }
  console.log(`\nAgreement: ${agreementLine(answers.agreement)}`);
  console.log(`Raters: ${raters.length}${raters.some((row) => row.excluded) ? ` (${raters.filter((row) => row.excluded).length} excluded)` : ""}`);
}

/** Each figure named: whether it matches, and if not where it first differs. */
function printChecks(checks: Analysis["checks"]) {
  const shown = (value: unknown) => {
    const text = JSON.stringify(value) ?? "nothing";
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  };
  console.log("\nFigures:");
  for (const { name, status, difference } of checks) {
    if (status === "matches") console.log(`  ${name}: matches`);
    else if (status === "missing") console.log(`  ${name}: missing from the bundle`);
    else if (status === "unknown") console.log(`  ${name}: not a figure this recomputation makes`);
    else console.log(`  ${name}: differs at ${difference?.path || "(the whole figure)"}: the bundle has ${shown(difference?.stored)}, the recomputation ${shown(difference?.recomputed)}`);
  }
}

const USAGE = `Usage: npm run analyze -- BUNDLE

  BUNDLE   a study's reproducibility bundle (JSON lines), from "More downloads" on its results
           page or GET /api/studies/SLUG/export/bundle

Recomputes every figure the bundle holds from its raw records (prompts, pairs, judgments, judges'
verdicts), with the app's pure statistics and none of its SQL, prints them, and compares each with
the figure the app wrote inside. Exits 0 when every figure matches, 1 naming each that differs,
2 for a file that is not a bundle (naming the line) or a bad command line.`;

async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...rest] = args;
  if (!file || rest.length > 0 || file.startsWith("-")) {
    console.error(`${!file ? "No bundle given." : rest.length ? "Give one bundle only." : `Unknown option ${file}.`}\n\n${USAGE}`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const analysis = await analyzeBundle(createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity }));
  if (analysis.kind) console.log(`A ${analysis.kind} study.`);
  if (analysis.shape === "preference") printPreference(analysis.recomputed);
  else printAnswers(analysis.recomputed);
  printChecks(analysis.checks);
  if (analysis.differs.length) {
    console.error(`\nThese figures in the bundle differ from this recomputation: ${analysis.differs.join(", ")}.`);
    return 1;
  }
  console.log("\nEvery figure in the bundle matches this recomputation.");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof BundleError ? `Not a valid bundle: ${error.message}` : error);
    process.exit(2);
  },
);
