// A multi-turn study's results, as the paper's dialogue analysis reads them: each system's turn
// labels (Fail / Pass / Excellent) over all turns and by the turn's position in the conversation,
// with intervals clustered by prompt. Postgres unnests each judgment's turn labels and
// counts, per answer, how many of each label it got (per position, and over all its turns).
import "server-only";
import { readDb } from "@/lib/db";
import { labelSummary, systemsInOrder, type LabelSummary } from "@/lib/results/label-results";
import type { ClusterKind } from "@/lib/stats/clustered-shares";

export interface SystemTurns {
  system: string;
  overall: LabelSummary;
  /** Turn 1, 2, … of the conversations. */
  byTurn: ({ turn: number } & LabelSummary)[];
}

export async function turnLabelsBySystem(studyId: string): Promise<SystemTurns[]> {
  const rows = await readDb().$queryRaw<({ system: string; turn: number | null } & ClusterKind)[]>`
    WITH labelled AS (
      SELECT p.id AS answer, p."targetSystemId" AS system, t.turn::int AS turn, t.label
        FROM "Pair" p
        JOIN "Judgment" j ON j."pairId" = p.id AND cardinality(j."turnLabels") > 0
        CROSS JOIN LATERAL unnest(j."turnLabels") WITH ORDINALITY AS t (label, turn)
       WHERE p."studyId" = ${studyId}
         AND NOT EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = p."studyId" AND x."raterId" = j."raterId")
    ), per_answer AS (
      SELECT system, answer, turn,
             count(*) FILTER (WHERE label = 'excellent') AS excellent,
             count(*) FILTER (WHERE label = 'pass') AS pass,
             count(*) FILTER (WHERE label = 'fail') AS fail
        FROM labelled
       -- Each answer at each turn, and each answer over all its turns (turn null).
       GROUP BY GROUPING SETS ((system, answer, turn), (system, answer))
    )
    SELECT s.name AS system, a.turn, a.excellent::int AS wins, a.pass::int AS ties, a.fail::int AS losses, count(*)::int AS prompts
      FROM per_answer a JOIN "System" s ON s.id = a.system
     GROUP BY s.name, a.turn, a.excellent, a.pass, a.fail`;
  const systems = await systemsInOrder(studyId);
  return systems.map(({ name }) => {
    const own = rows.filter((row) => row.system === name);
    const turns = [...new Set(own.flatMap((row) => (row.turn === null ? [] : [row.turn])))].sort((a, b) => a - b);
    return {
      system: name,
      overall: labelSummary(own.filter((row) => row.turn === null)),
      byTurn: turns.map((turn) => ({ turn, ...labelSummary(own.filter((row) => row.turn === turn)) })),
    };
  });
}
