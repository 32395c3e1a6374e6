// Records a rater's verdict on their assignment. Idempotent: a double click, a retry or a second
// tab yields one judgment, and the later calls are told it was already recorded.
import "server-only";
import { lockOwnAssignment, requireWritable } from "@/lib/assign/lock-own-assignment";
import { pairIsFull, setAssignmentStatus } from "@/lib/assign/statements";
import { primaryDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { KINDS } from "@/lib/kinds";
import type { JudgmentColumns } from "@/lib/kinds/kind";
import { enforceAttention } from "@/lib/rater-steps/attention";
import type { Database, Sql } from "@/lib/sql";
import { answerOf, type JudgmentInput } from "@/lib/validation/judgment";

export type SubmitOutcome = "recorded" | "already_recorded";

/** The number of assistant turns of the pair's answer (a single answer counts as one turn). */
async function turnsOf(sql: Sql, pairId: string): Promise<number> {
  const [{ turns }] = await sql.query<{ turns: number }>(
    `SELECT coalesce(jsonb_array_length(r.turns), 1)::int AS turns FROM "Pair" p JOIN "Response" r ON r.id = p."targetResponseId" WHERE p.id = $1`,
    [pairId],
  );
  return turns;
}

interface NewJudgment extends JudgmentColumns {
  assignmentId: string;
  studyId: string;
  pairId: string;
  raterId: string;
  targetSide: string;
  rationale: string | null;
  goldCorrect: boolean | null;
  timeOnTaskMs: number;
}

/** The judgment, every kind's columns in one statement: those a kind leaves empty stay null (its turn labels empty). */
async function insertJudgment(sql: Sql, judgment: NewJudgment): Promise<void> {
  await sql.execute(
    `INSERT INTO "Judgment" (id, "assignmentId", "studyId", "pairId", "raterId", choice, verdict, label, score, "turnLabels", "targetSide", rationale, "goldCorrect", "timeOnTaskMs")
     VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5::"Choice", $6::"Verdict", $7::"Label", $8::int, $9::"Label"[], $10::"Side", $11, $12, $13)`,
    [
      judgment.assignmentId,
      judgment.studyId,
      judgment.pairId,
      judgment.raterId,
      judgment.choice ?? null,
      judgment.verdict ?? null,
      judgment.label ?? null,
      judgment.score ?? null,
      judgment.turnLabels ?? [],
      judgment.targetSide,
      judgment.rationale,
      judgment.goldCorrect,
      judgment.timeOnTaskMs,
    ],
  );
}

/**
 * `slug` is the study the rater's address names: the assignment must belong to it. On the app's
 * pool, or on `database` (the rater-loop benchmark's), in one transaction of prepared statements.
 */
export async function submitJudgment(raterId: string, slug: string, input: JudgmentInput, database: Database = primaryDatabase()): Promise<SubmitOutcome> {
  return database.transaction(async (sql) => {
    const assignment = await lockOwnAssignment(sql, raterId, slug, input.assignmentId);
    // A retry of what was recorded before the study closed is told so, not that nothing was.
    if (assignment.status === "done") return "already_recorded";
    requireWritable(assignment);

    const rationale = assignment.rationaleMode === "off" ? null : input.rationale || null;
    if (assignment.rationaleMode === "required" && !rationale) {
      throw new AppError("invalid", "Please say briefly why you chose this answer: this study asks for a reason with every choice.");
    }
    const lapsed = assignment.status !== "active" || assignment.expired;
    if (lapsed && (await pairIsFull(sql, assignment.pairId, assignment.k, assignment.id))) {
      await setAssignmentStatus(sql, assignment.id, "expired");
      throw new AppError(
        "gone",
        `Time ran out on that ${KINDS[assignment.kind].item.one} and other raters have since judged it, so your answer was not needed. Here is your next ${KINDS[assignment.kind].item.one}.`,
      );
    }

    // The study's kind decides what an answer must be: a side for two answers, a label or a
    // score for one, a label for each assistant turn of a conversation.
    const { judgment } = KINDS[assignment.kind];
    const given = answerOf(input);
    if (given?.kind !== assignment.kind) throw new AppError("invalid", judgment.asks);
    // Only a kind whose answer is checked against the item's assistant turns counts them.
    if (judgment.checkTurns) {
      const wrong = judgment.checkTurns(given, await turnsOf(sql, assignment.pairId));
      if (wrong) throw new AppError("invalid", wrong);
    }
    // A kind whose answer lies on the study's scale is checked against it (the database checks it too).
    if (judgment.checkScale && assignment.scaleMin !== null && assignment.scaleMax !== null) {
      const wrong = judgment.checkScale(given, { min: assignment.scaleMin, max: assignment.scaleMax });
      if (wrong) throw new AppError("invalid", wrong);
    }
    // An option the study may offer or not ("Both are bad") is taken only while it does: read
    // with the assignment, in this transaction, so a setting changed meanwhile is the one applied.
    if (judgment.checkOffered) {
      const wrong = judgment.checkOffered(given, { bothBad: assignment.offerBothBad });
      if (wrong) throw new AppError("invalid", wrong);
    }
    const answer = judgment.columns(given, { targetSide: assignment.targetSide });
    await insertJudgment(sql, {
      assignmentId: assignment.id,
      studyId: assignment.studyId,
      pairId: assignment.pairId,
      raterId,
      ...answer,
      targetSide: assignment.targetSide,
      rationale,
      goldCorrect: assignment.goldVerdict === null || answer.verdict === undefined ? null : assignment.goldVerdict === answer.verdict,
      timeOnTaskMs: Math.max(0, assignment.elapsedMs),
    });
    await setAssignmentStatus(sql, assignment.id, "done");
    if (assignment.goldVerdict !== null && assignment.attentionAfter !== null && assignment.attentionMinAccuracy !== null) {
      await enforceAttention(sql, { studyId: assignment.studyId, raterId, after: assignment.attentionAfter, minAccuracy: assignment.attentionMinAccuracy });
    }
    return "recorded";
  });
}
