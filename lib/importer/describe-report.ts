import { DEFAULT_KIND, KINDS, type KindName } from "@/lib/kinds";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import type { ImportReport } from "@/lib/importer/import-files";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** One paragraph a researcher reads after an import or its preview, in the words of the study's kind for what raters are given. */
export function describeReport(report: ImportReport, kind: KindName = DEFAULT_KIND): string {
  if (report.errorCount > 0) {
    return `Nothing was imported: ${plural(report.errorCount, "error")} found. Fix ${report.errorCount === 1 ? "it" : "them"} and import the files again.`;
  }
  const { prompts, responses } = report;
  if (prompts.added + prompts.changed + responses.added + responses.changed === 0 && report.systemsAdded.length === 0) {
    return "Nothing new: every prompt and response in these files is already in the study.";
  }
  const verb = report.committed ? "Imported" : "Would import";
  const parts = [
    `${plural(prompts.added, "new prompt")}${prompts.changed ? `, ${plural(prompts.changed, "changed prompt")}` : ""}`,
    `${plural(responses.added, "new response")}${responses.changed ? `, ${plural(responses.changed, "changed response")}` : ""}`,
  ];
  if (report.systemsAdded.length) parts.push(`${plural(report.systemsAdded.length, "new system")} (${report.systemsAdded.join(", ")})`);
  const { item } = KINDS[kind];
  parts.push(plural(report.pairsAdded, `new ${item.one}${comparesTwoAnswers(kind) ? "" : " to rate"}`, `new ${item.many}${comparesTwoAnswers(kind) ? "" : " to rate"}`));
  const unchanged = prompts.unchanged + responses.unchanged;
  return `${verb} ${parts.join("; ")}.${unchanged ? ` ${plural(unchanged, "record")} already in the study left as ${unchanged === 1 ? "it was" : "they were"}.` : ""}`;
}
