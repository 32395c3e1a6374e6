// An absolute study's results: how each system's answers were labelled (Fail / Pass / Excellent,
// as the paper's analysis of 50 outputs), with the same intervals clustered by prompt as the
// pairwise shares. Postgres counts each answer's labels and how many answers had each count.
import "server-only";
import { readDb } from "@/lib/db";
import { clusteredSharesOfKinds, type ClusterKind } from "@/lib/stats/clustered-shares";
import type { Interval } from "@/lib/stats/interval";

export interface LabelSummary {
  /** Answers labelled at least once, and labels in all. */
  answers: number;
  labels: number;
  excellent: number;
  pass: number;
  fail: number;
  intervals: { excellent: Interval; pass: Interval; fail: Interval; passOrBetter: Interval } | null;
}

/** The study's systems in the order the researcher listed them: every results table's rows. */
export function systemsInOrder(studyId: string) {
  return readDb().system.findMany({ where: { studyId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { name: true } });
}

export interface SystemLabels extends LabelSummary {
  system: string;
}

/**
 * Labels counted from how many answers had each count of (excellent, pass, fail), with the
 * clustered share intervals: excellent, pass and fail stand where win, tie and loss do.
 */
export function labelSummary(kinds: readonly ClusterKind[]): LabelSummary {
  const sum = (key: "wins" | "ties" | "losses" | null) => kinds.reduce((total, kind) => total + kind.prompts * (key ? kind[key] : 1), 0);
  const shares = clusteredSharesOfKinds(kinds);
  return {
    answers: sum(null),
    labels: sum("wins") + sum("ties") + sum("losses"),
    excellent: sum("wins"),
    pass: sum("ties"),
    fail: sum("losses"),
    intervals: shares && { excellent: shares.win, pass: shares.tie, fail: shares.loss, passOrBetter: shares.equalOrBetter },
  };
}

export async function labelsBySystem(studyId: string): Promise<SystemLabels[]> {
  // Each answer's labels by raters not excluded; an answer is one prompt's, so the answers are
  // the clusters of the intervals.
  const rows = await readDb().$queryRaw<({ system: string; position: number } & ClusterKind)[]>`
    WITH per_answer AS (
      SELECT p."targetSystemId" AS system,
             count(*) FILTER (WHERE j.label = 'excellent') AS excellent,
             count(*) FILTER (WHERE j.label = 'pass') AS pass,
             count(*) FILTER (WHERE j.label = 'fail') AS fail
        FROM "Pair" p
        JOIN "Judgment" j ON j."pairId" = p.id AND j.label IS NOT NULL
       WHERE p."studyId" = ${studyId}
         AND NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId")
       GROUP BY p.id
    )
    SELECT s.name AS system, s.position, a.excellent::int AS wins, a.pass::int AS ties, a.fail::int AS losses, count(*)::int AS prompts
      FROM per_answer a JOIN "System" s ON s.id = a.system
     GROUP BY s.name, s.position, a.excellent, a.pass, a.fail`;
  const systems = await systemsInOrder(studyId);
  return systems.map(({ name }) => ({ system: name, ...labelSummary(rows.filter((row) => row.system === name)) }));
}
