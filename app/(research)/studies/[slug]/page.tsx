import type { Metadata } from "next";
import { studyPageFor } from "@/lib/studies/study-page";
import Link from "next/link";
import { MenuDetails } from "@/components/ui/menu-details";
import type { ReactNode } from "react";
import { AgreementSummary } from "@/components/results/agreement-summary";
import { BreakdownTable } from "@/components/results/breakdown-table";
import { JudgeComparison } from "@/components/results/judge-comparison";
import { LiveRefresh } from "@/components/results/live-refresh";
import { LabelBars } from "@/components/results/label-bars";
import { LikertMeans } from "@/components/results/likert-means";
import { Completion, ProgressSummary } from "@/components/results/progress-summary";
import { AnswerAgreementTable } from "@/components/results/answer-agreement";
import { AnswerPrecision } from "@/components/results/answer-precision";
import { AnswerRatersTable } from "@/components/results/answer-raters-table";
import { RankingTable } from "@/components/results/ranking-table";
import { RatersTable } from "@/components/results/raters-table";
import { RaterSearchForm } from "@/components/results/rater-search-form";
import { IdentityDownloads } from "@/components/results/identity-downloads";
import { ResultsFilterForm } from "@/components/results/results-filter-form";
import { SelfNamingAnswers } from "@/components/studies/self-naming-answers";
import { SimulatedNotice } from "@/components/studies/simulated-badge";
import { StudyHistory } from "@/components/studies/study-history";
import { StudyStatusControls } from "@/components/studies/study-status-controls";
import { VerdictBars } from "@/components/results/verdict-bars";
import { RefusalNotice } from "@/components/ui/refusal-notice";
import { FigurePanel } from "@/components/results/figure-panel";
import { LengthTable } from "@/components/results/length-table";
import { readRefusal } from "@/lib/actions/refusal";
import { selfNamingOverview } from "@/lib/blind/study-self-naming";
import { studyJudgeResults } from "@/lib/judge/judge-results";
import { breakdownBySourceAndTag } from "@/lib/results/breakdown";
import { judgeLengthEffect, lengthEffectByBaseline } from "@/lib/results/length-effect";
import { capitalised, KINDS } from "@/lib/kinds";
import { valueKeys } from "@/lib/kinds/judgment-values";
import { answerRaterRows } from "@/lib/results/answer-raters";
import { answerResults } from "@/lib/results/answer-results";
import { raterPseudonyms, targetSystemName } from "@/lib/results/study-raters";
import { raterTableIdentities } from "@/lib/results/rater-identities";
import { identify, identityLabel, RATER_SEARCH_PARAM, raterSearchOf, type RaterIdentity } from "@/lib/results/rater-identity";
import { studyProgress } from "@/lib/results/progress";
import { EVERY_JUDGMENT, filterParams, parseResultsFilter, type ResultsFilter } from "@/lib/results/results-filter";
import { raterRows, studyResults, type Aggregation } from "@/lib/results/study-results";
import { systemRanking } from "@/lib/results/system-ranking";
import { openReviewCount } from "@/lib/review/review-queue";
import { findStudyFor } from "@/lib/studies/study-access";
import { answerFigureSvg, judgeFigure, pairwiseFigureOne } from "@/lib/figures/study-figures";
import { studyEvents } from "@/lib/studies/study-events";
import { NEXT_STATUSES } from "@/lib/studies/study-status";
import { rescanSelfNamingAction, setRaterExcludedAction, setSelfNamingAction, setStudyStatusAction } from "./actions";

export const metadata: Metadata = { title: "Results" };

export default async function StudyResultsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { study } = await studyPageFor(slug);
  const search = await searchParams;
  const query = new URLSearchParams(Object.entries(search).flatMap(([key, value]) => [value ?? []].flat().map((one) => [key, one])));
  const aggregation: Aggregation = query.get("aggregation") === "majority" ? "majority" : "every";
  const parsed = parseResultsFilter(query);
  const filter = parsed.ok ? parsed.filter : EVERY_JUDGMENT;
  // The raters table's search: it narrows the rows listed, never what the figures count.
  const raterSearch = raterSearchOf(query);
  // What a button of the page (exclude, the self-naming controls) refused.
  const refused = readRefusal(`/studies/${study.slug}`, search);
  if (KINDS[study.kind].measure.shape !== "preference") {
    return <AnswerStudyPage study={study} filter={filter} problems={parsed.ok ? [] : parsed.problems} refused={refused} raterSearch={raterSearch} />;
  }
  const [results, progress, ranking, breakdown, raters, everyRater, targetName, history, judges, selfNaming, length, toReview, who] = await Promise.all([
    studyResults(study.id, aggregation, filter),
    studyProgress(study.id, filter),
    systemRanking(study.id, filter),
    breakdownBySourceAndTag(study.id, filter),
    raterRows(study.id, filter),
    raterPseudonyms(study.id),
    targetSystemName(study.id),
    studyEvents(study.id),
    studyJudgeResults(study.id),
    selfNamingOverview(study.id),
    lengthEffectByBaseline(study.id, filter),
    openReviewCount(study.id),
    raterTableIdentities(study.id, raterSearch),
  ]);
  const judgeLengths = await Promise.all(judges.map(async (judge) => ({ name: judge.name, rows: await judgeLengthEffect(study.id, judge.id) })));
  const aggregationQuery: Record<string, string> = aggregation === "majority" ? { aggregation: "majority" } : {};
  // Downloads and the aggregation switch keep the filter, so they show the numbers on the page.
  const withQuery = (path: string, extra: Record<string, string> = {}) => {
    const params = filterParams(filter);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    const text = params.toString();
    return text ? `${path}?${text}` : path;
  };
  // The raters table: each row with who the rater is, only those the search found; the search
  // form carries the filter and the aggregation along.
  const listed = identify(raters, who.identities, who.found);
  const keptParams = filterParams(filter);
  if (aggregation === "majority") keptParams.set("aggregation", "majority");

  return (
    <div className="space-y-6">
      <RefusalNotice message={refused} />
      <StudyHeader
        study={study}
        toReview={toReview}
        downloads={
          <>
            <a
              href={`/api/studies/${study.slug}/export/judgments`}
              download
              className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
            >
              Download judgments (CSV)
            </a>
            <MenuDetails summary="More downloads">
                <li>
                  <a href={`/api/studies/${study.slug}/export/judgments?format=jsonl`} download className="text-blue-700 underline">
                    Judgments (JSON lines)
                  </a>
                </li>
                <li>
                  <a
                    href={withQuery(`/api/studies/${study.slug}/export/summary`, aggregation === "majority" ? { aggregation: "majority" } : {})}
                    download
                    className="text-blue-700 underline"
                  >
                    Summary per baseline (CSV)
                  </a>
                </li>
                <li>
                  <a href={withQuery(`/api/studies/${study.slug}/export/raters`)} download className="text-blue-700 underline">
                    Raters (CSV)
                  </a>
                </li>
                <li>
                  <a href={`/api/studies/${study.slug}/export/bundle`} download className="text-blue-700 underline">
                    Reproducibility bundle (JSON lines)
                  </a>
                </li>
                <IdentityDownloads judgments={`/api/studies/${study.slug}/export/judgments`} raters={withQuery(`/api/studies/${study.slug}/export/raters`, { identities: "1" })} />
            </MenuDetails>
          </>
        }
      />
      <ResultsFilterForm
        slug={study.slug}
        filter={filter}
        aggregation={aggregation}
        raters={everyRater}
        raterLabels={labelsOf(who.identities)}
        raterSearch={raterSearch}
        problems={parsed.ok ? [] : parsed.problems}
      />
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">Win / tie / loss per baseline</h2>
          <nav aria-label="Aggregation" className="flex gap-3 text-sm">
            {(
              [
                ["every", "Every judgment (as the paper)"],
                ["majority", "One verdict per pair, by majority"],
              ] as const
            ).map(([value, label]) => (
              <Link
                key={value}
                href={withQuery(`/studies/${slug}`, { ...(value === "majority" ? { aggregation: "majority" } : {}), ...(raterSearch ? { [RATER_SEARCH_PARAM]: raterSearch } : {}) })}
                aria-current={aggregation === value ? "page" : undefined}
                className={aggregation === value ? "font-semibold text-slate-900" : "text-blue-700 underline"}
              >
                {label}
              </Link>
            ))}
          </nav>
        </div>
        <FigurePanel
          label="figure-1"
          svg={pairwiseFigureOne(study, targetName, results)}
          caption={`Figure 1: ${targetName} against each baseline, as the paper draws it.`}
          downloads={[
            { label: "Figure 1 (SVG)", href: withQuery(`/api/studies/${study.slug}/export/figure-1.svg`, aggregationQuery) },
            { label: "Figure 1 (PNG)", href: withQuery(`/api/studies/${study.slug}/export/figure-1.png`, aggregationQuery) },
            { label: "Table (LaTeX)", href: withQuery(`/api/studies/${study.slug}/export/results.tex`, aggregationQuery) },
          ]}
        />
        <VerdictBars target={targetName} baselines={results.baselines} unit={aggregation === "majority" ? "pairs" : "judgments"} bothBad={results.bothBadShown} />
      </section>
      <Section heading="Progress">
        <ProgressSummary progress={progress} baselines={results.baselines} target={targetName} aggregation={aggregation} />
      </Section>
      <Section heading="Ranking of all systems">
        <RankingTable ranking={ranking} />
      </Section>
      <Section heading="By prompt source and tag">
        <BreakdownTable rows={breakdown} target={targetName} />
      </Section>
      <Section heading="Rater agreement and position bias">
        <AgreementSummary agreement={results.agreement} baselines={results.baselines} positionBias={results.positionBias} />
      </Section>
      <Section heading="Answer length">
        <LengthTable target={targetName} sources={[{ name: "Raters", rows: length }, ...judgeLengths]} />
      </Section>
      {judges.length > 0 && (
        <Section heading="LLM judges beside the raters">
          <p className="text-sm text-slate-700">
            In the tables, the raters&apos; side counts every judgment of a rater not excluded; the filters above apply only to the side-by-side figures.
          </p>
          {judges.map((judge) => (
            <div key={judge.id} className="space-y-3">
              <FigurePanel
                label={`figure-2-${judge.id}`}
                svg={judgeFigure(study, targetName, judge, null)}
                caption={`Figure 2: ${targetName} against each baseline, ${judge.name} as judge (one label a pair).`}
                downloads={[
                  { label: "Figure 2 (SVG)", href: `/api/studies/${study.slug}/export/figure-2.svg?judge=${judge.id}` },
                  { label: "Figure 2 (PNG)", href: `/api/studies/${study.slug}/export/figure-2.png?judge=${judge.id}` },
                ]}
              />
              <FigurePanel
                label={`figure-2-${judge.id}-combined`}
                svg={judgeFigure(study, targetName, judge, results)}
                caption={`The raters (under the filters above) and ${judge.name} side by side per baseline.`}
                downloads={[
                  { label: "Side by side (SVG)", href: withQuery(`/api/studies/${study.slug}/export/figure-2.svg`, { ...aggregationQuery, judge: judge.id, view: "combined" }) },
                  { label: "Side by side (PNG)", href: withQuery(`/api/studies/${study.slug}/export/figure-2.png`, { ...aggregationQuery, judge: judge.id, view: "combined" }) },
                ]}
              />
              <JudgeComparison name={judge.name} baselines={judge.baselines} />
              <a href={`/api/studies/${study.slug}/export/judge-verdicts?judge=${judge.id}`} download className="text-sm text-blue-700 underline">
                {judge.name}: every answer (CSV)
              </a>
            </div>
          ))}
        </Section>
      )}
      <Section heading="Raters" id="raters">
        <RaterSearchForm action={`/studies/${study.slug}#raters`} keep={keptParams} search={raterSearch} shown={listed.length} />
        <RatersTable raters={listed} slug={study.slug} exclude={setRaterExcludedAction} narrowed={raterSearch !== null} />
      </Section>
      <SelfNamingSection study={study} overview={selfNaming} />
      <Section heading="History">
        <StudyHistory events={history} />
      </Section>
      <LiveRefresh />
    </div>
  );
}

type Study = NonNullable<Awaited<ReturnType<typeof findStudyFor>>>;

/** The heading of a study's page: its name, status, and what can be done with it (`toReview`: reported items waiting for a decision). */
function StudyHeader({ study, toReview, downloads }: { study: Study; toReview: number; downloads: ReactNode }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-3">
      <div>
        <h1 className="text-xl font-semibold">{study.title}</h1>
        {study.simulated && <SimulatedNotice />}
        {study.description && <p className="mt-1 text-sm text-slate-700">{study.description}</p>}
        <div className="mt-2">
          <StudyStatusControls slug={study.slug} status={study.status} next={NEXT_STATUSES[study.status]} change={setStudyStatusAction} />
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Link href={`/studies/${study.slug}/import`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          Import data
        </Link>
        <Link href={`/studies/${study.slug}/prompts`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          Browse prompts
        </Link>
        <Link href={`/studies/${study.slug}/review`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          Review flags ({toReview})
        </Link>
        <Link href={`/studies/${study.slug}/settings`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          Settings
        </Link>
        <Link href={`/studies/${study.slug}/preview`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          Preview as a rater
        </Link>
        {downloads}
      </div>
    </div>
  );
}

/**
 * A study whose raters judge one answer at a time (labels, labels per turn, or scores): each
 * system's figures under the same filter as a pairwise study's, its progress and precision, the
 * raters' agreement, the raters, and the history.
 */
async function AnswerStudyPage({
  study,
  filter,
  problems,
  refused,
  raterSearch,
}: {
  study: Study;
  filter: ResultsFilter;
  problems: string[];
  refused: string | null;
  raterSearch: string | null;
}) {
  const [figures, progress, raters, everyRater, history, selfNaming, toReview, who] = await Promise.all([
    answerResults(study, filter),
    studyProgress(study.id, filter),
    answerRaterRows(study, filter),
    raterPseudonyms(study.id),
    studyEvents(study.id),
    selfNamingOverview(study.id),
    openReviewCount(study.id),
    raterTableIdentities(study.id, raterSearch),
  ]);
  const listed = identify(raters, who.identities, who.found);
  const { measure } = figures;
  const scores = measure.shape === "scores";
  const eachTurn = measure.shape === "labels" && measure.turns === "each";
  const what = scores ? "scores" : "labels";
  const withFilter = (path: string, extra: Record<string, string> = {}) => {
    const params = filterParams(filter);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    const text = params.toString();
    return text ? `${path}?${text}` : path;
  };
  const api = `/api/studies/${study.slug}/export`;
  return (
    <div className="space-y-6">
      <RefusalNotice message={refused} />
      <StudyHeader
        study={study}
        toReview={toReview}
        downloads={
          <>
            <a href={`${api}/judgments`} download className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
              Download {what} (CSV)
            </a>
            <MenuDetails summary="More downloads">
                <li>
                  <a href={`${api}/judgments?format=jsonl`} download className="text-blue-700 underline">
                    {capitalised(what)} (JSON lines)
                  </a>
                </li>
                <li>
                  <a href={withFilter(`${api}/summary`)} download className="text-blue-700 underline">
                    Summary per system (CSV)
                  </a>
                </li>
                <li>
                  <a href={withFilter(`${api}/raters`)} download className="text-blue-700 underline">
                    Raters (CSV)
                  </a>
                </li>
                <li>
                  <a href={`${api}/bundle`} download className="text-blue-700 underline">
                    Reproducibility bundle (JSON lines)
                  </a>
                </li>
                <IdentityDownloads judgments={`${api}/judgments`} raters={withFilter(`${api}/raters`, { identities: "1" })} what={what} />
            </MenuDetails>
          </>
        }
      />
      <ResultsFilterForm
        slug={study.slug}
        filter={filter}
        aggregation="every"
        raters={everyRater}
        raterLabels={labelsOf(who.identities)}
        raterSearch={raterSearch}
        problems={problems}
        goldPairs={false}
      />
      <Section heading={scores ? "Helpfulness per system" : `Fail / Pass / Excellent per system${eachTurn ? " and turn" : ""}`}>
        <FigurePanel
          label="figure-1"
          svg={answerFigureSvg(study, figures)}
          caption={scores ? "Mean helpfulness per system, with 95% intervals." : "Each system's labels, with the 95% interval of pass or better."}
          downloads={[
            { label: "Figure (SVG)", href: withFilter(`${api}/figure-1.svg`) },
            { label: "Figure (PNG)", href: withFilter(`${api}/figure-1.png`) },
          ]}
        />
        {measure.shape === "scores" ? (
          <LikertMeans systems={figures.systems.flatMap((system) => (system.scores ? [system.scores] : []))} scale={measure.scale} />
        ) : (
          <LabelBars
            systems={figures.systems.flatMap(({ system, labels, byTurn }) => [
              ...(labels ? [{ ...labels, system: eachTurn ? `${system}, all turns` : system }] : []),
              ...byTurn.map(({ turn, ...summary }) => ({ ...summary, system: `${system}, turn ${turn}` })),
            ])}
          />
        )}
      </Section>
      <Section heading="Progress">
        <div className="space-y-4 text-sm">
          <Completion progress={progress} />
          <AnswerPrecision figures={figures} />
        </div>
      </Section>
      <Section heading="Rater agreement">
        <AnswerAgreementTable figures={figures} />
      </Section>
      <Section heading="Raters" id="raters">
        <RaterSearchForm action={`/studies/${study.slug}#raters`} keep={filterParams(filter)} search={raterSearch} shown={listed.length} />
        <AnswerRatersTable
          raters={listed}
          slug={study.slug}
          values={valueKeys(measure).map(capitalised)}
          scores={scores}
          exclude={setRaterExcludedAction}
          narrowed={raterSearch !== null}
        />
      </Section>
      <SelfNamingSection study={study} overview={selfNaming} />
      <Section heading="History">
        <StudyHistory events={history} />
      </Section>
      <LiveRefresh />
    </div>
  );
}

/** Answers that name their writer, which every kind of study must keep from its raters' eyes if it chooses. */
function SelfNamingSection({ study, overview }: { study: Study; overview: Awaited<ReturnType<typeof selfNamingOverview>> }) {
  return (
    <Section heading="Answers that name their writer">
      <SelfNamingAnswers slug={study.slug} overview={overview} closed={study.status === "closed"} setMode={setSelfNamingAction} rescan={rescanSelfNamingAction} />
    </Section>
  );
}

/** Each rater's identity in one line, by pseudonym, for the results filter's choices. */
function labelsOf(identities: ReadonlyMap<string, RaterIdentity>): Record<string, string> {
  return Object.fromEntries([...identities].map(([rater, identity]) => [rater, identityLabel(identity)]));
}

/** One part of a study's page, under its heading (`id`: its anchor). */
function Section({ heading, id, children }: { heading: string; id?: string; children: ReactNode }) {
  return (
    <section id={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{heading}</h2>
      {children}
    </section>
  );
}
