// `npm run import -- --study SLUG [--target SYSTEM] [options] FILE... [SYSTEM=FILE...]`
// Imports prompts and responses into a study, creating the study when --target is given.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { db, disconnectDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { describeReport } from "@/lib/importer/describe-report";
import { importFiles, type ImportReport } from "@/lib/importer/import-files";
import { fileOnDisk } from "@/lib/importer/sources";
import { connectAndMigrate } from "@/lib/postgres/connect";
import { createStudy } from "@/lib/studies/create-study";
import { studySettings, updateStudySettings } from "@/lib/studies/study-settings";
import { newStudySchema } from "@/lib/validation/study";
import { runCommand } from "./run-command";

const USAGE = `Usage: npm run import -- --study SLUG [options] FILE... [SYSTEM=FILE...]

  FILE         prompts or responses, .jsonl or .csv (formats in the README)
  SYSTEM=FILE  a file holding the responses of SYSTEM only (its lines need no system field)

  --study SLUG       the study to import into
  --target SYSTEM    create the study if it does not exist, with SYSTEM as its target
  --title TITLE      the new study's title (default: the slug)
  --baselines A,B    the new study's baselines (more are added by the files)
  --lima-test-set    start the new study from the LIMA test set's 300 prompts
  --all-pairs        pair every two systems, not only the target with each baseline
  --k N              how many raters judge each pair of the new study (default 1)
  --repeat-prompts   let a rater of the new study meet a prompt against several baselines
                     (off by default: the target's answer would be the one text that repeats,
                     which tells the rater which side is the target)
  --open-to-all-raters  let every rater account judge the study (new or existing), without
                     inviting them one by one
  --offer-both-bad   offer the study's raters a fourth option, "Both are bad" (new or existing;
                     a tie in every figure, counted on its own beside the ties)
  --preview          report what would be imported (and whether the study would be created or
                     opened), and change nothing`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    study: { type: "string" },
    target: { type: "string" },
    title: { type: "string" },
    baselines: { type: "string" },
    "lima-test-set": { type: "boolean" },
    "all-pairs": { type: "boolean" },
    k: { type: "string" },
    "repeat-prompts": { type: "boolean" },
    preview: { type: "boolean" },
    "open-to-all-raters": { type: "boolean" },
    "offer-both-bad": { type: "boolean" },
    help: { type: "boolean" },
  },
});

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.study) usageError("--study is missing.");

const files = positionals.map((argument) => {
  const split = argument.indexOf("=");
  const [system, path] = split > 0 && !existsSync(argument) ? [argument.slice(0, split), argument.slice(split + 1)] : [undefined, argument];
  if (!existsSync(path)) usageError(`No such file: ${path}`);
  return fileOnDisk(path, system);
});

/** The study, made first when it does not exist and --target says how; `created` says it was. */
async function findOrCreateStudy(slug: string): Promise<{ id: string; created: boolean }> {
  const existing = await db().study.findUnique({ where: { slug }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  if (!values.target) throw new AppError("not_found", `There is no study "${slug}". Give --target SYSTEM to create it.`);
  const parsed = newStudySchema.safeParse({
    slug,
    title: values.title ?? slug,
    raterTitle: "",
    target: values.target,
    baselines: values.baselines ?? [],
    pairDesign: values["all-pairs"] ? "all_pairs" : "target_vs_baselines",
    judgmentsPerPair: values.k ?? 1,
    promptOncePerRater: !values["repeat-prompts"],
    prompts: values["lima-test-set"] ? "lima-test-set" : "own",
    openToAllRaters: Boolean(values["open-to-all-raters"]),
    offerBothBad: Boolean(values["offer-both-bad"]),
  });
  if (!parsed.success) {
    throw new AppError("invalid", parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"));
  }
  const study = await createStudy(parsed.data, null);
  if (!values.preview) console.log(`Created the study "${slug}" with ${values.target} as its target.`);
  return { id: study.id, created: true };
}

/** Lets every rater account judge an existing study, through the settings so that its history says so. */
async function openToAllRaters(studyId: string, slug: string) {
  const settings = await studySettings(studyId);
  if (settings.openToAllRaters) return;
  if (values.preview) {
    console.log(`Would open the study "${slug}" to every rater.`);
    return;
  }
  await updateStudySettings(studyId, { ...settings, openToAllRaters: true }, null);
  console.log(`Opened the study "${slug}" to every rater.`);
}

/** Offers an existing study's raters "Both are bad", through the settings so that its history says so. */
async function offerBothBad(studyId: string, slug: string) {
  const settings = await studySettings(studyId);
  if (settings.offerBothBad) return;
  if (values.preview) {
    console.log(`Would offer the raters of the study "${slug}" a fourth option, "Both are bad".`);
    return;
  }
  const refused = await updateStudySettings(studyId, { ...settings, offerBothBad: true }, null);
  if (refused.offerBothBad) throw new AppError("invalid", `--offer-both-bad: ${refused.offerBothBad}.`);
  console.log(`The raters of the study "${slug}" are offered a fourth option, "Both are bad".`);
}

function print(report: ImportReport) {
  console.log(describeReport(report));
  for (const error of report.errors) console.log(`  ${error.file} line ${error.line}, ${error.field}: ${error.reason}`);
  if (report.errorCount > report.errors.length) console.log(`  …and ${report.errorCount - report.errors.length} more errors.`);
  if (report.selfNamingCount > 0) {
    console.log(`Warning: ${report.selfNamingCount} responses name a model, its maker or a system of the study (raters could tell who wrote them):`);
    for (const warning of report.selfNaming.slice(0, 10)) console.log(`  ${warning.file} line ${warning.line}: ${warning.phrase}`);
    if (report.selfNamingCount > 10) console.log(`  …and ${report.selfNamingCount - 10} more.`);
  }
  if (report.missingCount > 0) {
    console.log(`${report.missingCount} prompts lack a response from some system, so they have fewer pairs:`);
    for (const gap of report.missing.slice(0, 10)) console.log(`  prompt ${gap.promptId}: no response from ${gap.systems.join(", ")}`);
    if (report.missingCount > 10) console.log(`  …and ${report.missingCount - 10} more prompts.`);
  }
}

await runCommand(async () => {
  const database = await connectAndMigrate();
  try {
    const study = await findOrCreateStudy(values.study!);
    const studyId = study.id;
    if (values["open-to-all-raters"] && !study.created) await openToAllRaters(studyId, values.study!);
    if (values["offer-both-bad"] && !study.created) await offerBothBad(studyId, values.study!);
    const totalBytes = files.reduce((sum, file) => sum + (file.size ?? 0), 0);
    // A bar only where someone watches a terminal; logs get the summary alone.
    const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: "Reading {bar} {percentage}% | {value}/{total} bytes" }, cliProgress.Presets.shades_classic) : undefined;
    bar?.start(totalBytes, 0);
    let read = 0;
    const report = await importFiles(studyId, files, { preview: values.preview, onBytes: (n) => bar?.update((read += n)) });
    bar?.stop();
    if (values.preview && study.created) {
      // A preview changes nothing: the study made to read the files against goes again.
      await db().study.delete({ where: { id: studyId } });
      console.log(`Would create the study "${values.study}" with ${values.target} as its target.`);
    }
    print(report);
    return report.errorCount > 0 ? 1 : 0;
  } finally {
    await disconnectDb();
    await database.stop();
  }
});
