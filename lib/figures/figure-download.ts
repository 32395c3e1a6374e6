// The figure downloads: which figure, as SVG or PNG, under the results page's filter and
// aggregation (and, for Figure 2, which judge and whether beside the raters); and results.tex.
import "server-only";
import { readDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { downloadHeaders } from "@/lib/export/download";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { resultsTex } from "@/lib/export/results-tex";
import { requireResultsFilter } from "@/lib/results/results-filter";
import { studyResults, type Aggregation } from "@/lib/results/study-results";
import { figurePng } from "./png";
import { figureOne, figureTwo, type FigureStudy } from "./study-figures";

const aggregationOf = (query: URLSearchParams): Aggregation => (query.get("aggregation") === "majority" ? "majority" : "every");

export async function figureDownload(study: FigureStudy, figure: "figure-1" | "figure-2", format: "svg" | "png", query: URLSearchParams): Promise<Response> {
  const aggregation = aggregationOf(query);
  const filter = requireResultsFilter(query);
  const svg =
    figure === "figure-1"
      ? await figureOne(study, aggregation, filter)
      : await figureTwo(study, { judgeId: query.get("judge"), combined: query.get("view") === "combined", aggregation, filter });
  const what = figure === "figure-2" && query.get("view") === "combined" ? "figure-2-combined" : figure;
  return new Response(format === "svg" ? svg : new Uint8Array(figurePng(svg)), { headers: downloadHeaders(study.slug, what, format) });
}

export async function resultsTexDownload(study: FigureStudy, query: URLSearchParams): Promise<Response> {
  if (!comparesTwoAnswers(study.kind)) throw new AppError("not_found", "results.tex is a pairwise study's table of wins, ties and losses: this study's figure is at figure-1.svg.");
  const aggregation = aggregationOf(query);
  const [results, target] = await Promise.all([
    studyResults(study.id, aggregation, requireResultsFilter(query)),
    readDb().system.findFirst({ where: { targetOf: { id: study.id } }, select: { name: true } }),
  ]);
  const tex = resultsTex({ target: target?.name ?? "Target", baselines: results.baselines, unit: aggregation === "majority" ? "pairs" : "judgments", simulated: study.simulated });
  return new Response(tex, { headers: downloadHeaders(study.slug, "results", "tex") });
}
