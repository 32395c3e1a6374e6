// Every figure of a pairwise study's results page as the page counts it (Postgres, then the pure
// statistics), unfiltered: what a bundle carries for `npm run analyze` to recompute from its
// raw records (lib/results/figures-from-judgments.ts), figure by figure.
import "server-only";
import { studyJudgeResults } from "@/lib/judge/judge-results";
import type { StudyFigures } from "@/lib/results/figures-from-judgments";
import { judgeLengthEffect, lengthEffectByBaseline } from "@/lib/results/length-effect";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { raterRows, studyResults } from "@/lib/results/study-results";
import { systemRanking } from "@/lib/results/system-ranking";

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function allFigures(studyId: string): Promise<StudyFigures> {
  const [every, majority, ranking, raters, length, judges] = await Promise.all([
    studyResults(studyId, "every", EVERY_JUDGMENT),
    studyResults(studyId, "majority", EVERY_JUDGMENT),
    systemRanking(studyId, EVERY_JUDGMENT),
    raterRows(studyId, EVERY_JUDGMENT),
    lengthEffectByBaseline(studyId, EVERY_JUDGMENT),
    studyJudgeResults(studyId),
  ]);
  const summary = (results: typeof every) =>
    results.baselines.map(({ baseline, pairs, prompts, wins, ties, losses, intervals, signTestP, preferred, fewPrompts, plan, agreement }) => ({
      baseline, pairs, prompts, wins, ties, losses, intervals, signTestP, preferred, fewPrompts, plan, agreement,
    }));
  return {
    summary: { every: summary(every), majority: summary(majority) },
    bothBad: every.bothBadShown ? every.baselines.map(({ baseline, bothBad }) => ({ baseline, ...bothBad! })) : null,
    agreement: every.agreement,
    positionBias: every.positionBias,
    ranking,
    raters: [...raters].sort((a, b) => byCodePoint(a.rater, b.rater)),
    length,
    judges: await Promise.all(
      judges.map(async (judge) => ({ name: judge.name, baselines: judge.baselines, length: await judgeLengthEffect(studyId, judge.id) })),
    ),
  };
}

