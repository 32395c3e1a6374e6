// A judge beside the raters, per baseline: the judge's own win / tie / loss (the paper's Figure 2
// beside Figure 1) and how it agrees with the raters. SQL groups the pairs by what the judge said
// in each order and what the raters said; lib/judge/judge-agreement.ts does the arithmetic.
import "server-only";
import type { Verdict } from "@/lib/assign/policy";
import { readDb } from "@/lib/db";
import { judgeAgreement, type JudgeAgreement, type JudgedPairGroup } from "@/lib/judge/judge-agreement";

export interface JudgeBaselineResult {
  baseline: string;
  agreement: JudgeAgreement;
}

type GroupRow = JudgedPairGroup & { baseline: string };

/**
 * One row per baseline of the judge's study, in the study's order; gold pairs and removed ones are
 * left out, as in the raters' results, and so are answers a run started again superseded.
 */
export async function judgeResults(judgeId: string): Promise<JudgeBaselineResult[]> {
  const rows = await readDb().$queryRaw<GroupRow[]>`
    WITH judged AS (
      SELECT p.id,
             max(v.verdict::text) FILTER (WHERE v."targetSide" = 'left') AS "targetLeft",
             max(v.verdict::text) FILTER (WHERE v."targetSide" = 'right') AS "targetRight"
        FROM "Judge" jg
        JOIN "Pair" p ON p."studyId" = jg."studyId" AND p."baselineSystemId" IS NOT NULL AND p."goldVerdict" IS NULL AND p."removedAt" IS NULL
        LEFT JOIN "JudgeVerdict" v ON v."pairId" = p.id AND v."judgeId" = jg.id AND v."supersededAt" IS NULL
       WHERE jg.id = ${judgeId}
       GROUP BY p.id
    )
    SELECT s.name AS baseline, j."targetLeft", j."targetRight",
           p.wins AS "humanWins", p.ties AS "humanTies", p.losses AS "humanLosses", count(*)::int AS pairs
      FROM judged j
      JOIN "Pair" p ON p.id = j.id
      JOIN "System" s ON s.id = p."baselineSystemId"
     GROUP BY s.name, s.position, j."targetLeft", j."targetRight", p.wins, p.ties, p.losses
     ORDER BY s.position, s.name`;
  const byBaseline = new Map<string, JudgedPairGroup[]>();
  for (const { baseline, ...group } of rows) {
    byBaseline.set(baseline, [...(byBaseline.get(baseline) ?? []), { ...group, targetLeft: group.targetLeft as Verdict | null, targetRight: group.targetRight as Verdict | null }]);
  }
  return [...byBaseline].map(([baseline, groups]) => ({ baseline, agreement: judgeAgreement(groups) }));
}

/** Every judge of a study with its results, for the study's page; a retired judge (deleted, its answers kept) is in the history only. */
export async function studyJudgeResults(studyId: string): Promise<{ id: string; name: string; baselines: JudgeBaselineResult[] }[]> {
  const judges = await readDb().judge.findMany({ where: { studyId, retiredAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true } });
  return Promise.all(judges.map(async (judge) => ({ ...judge, baselines: await judgeResults(judge.id) })));
}
