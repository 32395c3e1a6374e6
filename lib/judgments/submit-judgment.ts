// Records a rater's verdict on their assignment. Idempotent: a double click, a retry or a second
// tab yields one judgment, and the later calls are told it was already recorded.
import "server-only";
import { pairIsFull } from "@/lib/assign/next-assignment";
import { lockOwnAssignment, requireWritable } from "@/lib/assign/lock-own-assignment";
import { verdictFor } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JudgmentInput } from "@/lib/validation/judgment";

export type SubmitOutcome = "recorded" | "already_recorded";

// The study's kind decides what an answer must be: a side for two answers, a label or a score for one.
function choiceOf(input: JudgmentInput) {
  if (!input.choice) throw new AppError("invalid", "This pair asks which answer is better: choose left, right or neither.");
  return input.choice;
}

function labelOf(input: JudgmentInput) {
  if (!input.label) throw new AppError("invalid", "This answer asks for a label: fail, pass or excellent.");
  return input.label;
}

/** One label per assistant turn of the answer (a single answer counts as one turn). */
async function turnLabelsOf(tx: Prisma.TransactionClient, pairId: string, input: JudgmentInput) {
  const [{ turns }] = await tx.$queryRaw<{ turns: number }[]>`
    SELECT coalesce(jsonb_array_length(r.turns), 1)::int AS turns FROM "Pair" p JOIN "Response" r ON r.id = p."targetResponseId" WHERE p.id = ${pairId}`;
  if (input.turnLabels?.length !== turns) {
    throw new AppError("invalid", `This conversation has ${turns} assistant turn${turns === 1 ? "" : "s"}: label each one Fail, Pass or Excellent.`);
  }
  return input.turnLabels;
}

function scoreOf(input: JudgmentInput) {
  if (input.score === undefined) throw new AppError("invalid", "This answer asks for a helpfulness score from 1 to 6.");
  return input.score;
}

/** `slug` is the study the rater's address names: the assignment must belong to it. */
export async function submitJudgment(raterId: string, slug: string, input: JudgmentInput): Promise<SubmitOutcome> {
  return db().$transaction(async (tx) => {
    const assignment = await lockOwnAssignment(tx, raterId, slug, input.assignmentId);
    // A retry of what was recorded before the study closed is told so, not that nothing was.
    if (assignment.status === "done") return "already_recorded";
    requireWritable(assignment);

    const rationale = assignment.rationaleMode === "off" ? null : input.rationale || null;
    if (assignment.rationaleMode === "required" && !rationale) {
      throw new AppError("invalid", "Please say briefly why you chose this answer: this study asks for a reason with every choice.");
    }
    const lapsed = assignment.status !== "active" || assignment.expired;
    if (lapsed && (await pairIsFull(tx, assignment.pairId, assignment.k, assignment.id))) {
      await tx.assignment.update({ where: { id: assignment.id }, data: { status: "expired" } });
      throw new AppError(
        "gone",
        "Time ran out on that pair and other raters have since judged it, so your answer was not needed. Here is your next pair.",
      );
    }

    const answer =
      assignment.kind === "absolute"
        ? { label: labelOf(input) }
        : assignment.kind === "likert"
          ? { score: scoreOf(input) }
          : assignment.kind === "multiturn"
            ? { turnLabels: await turnLabelsOf(tx, assignment.pairId, input) }
            : { choice: choiceOf(input), verdict: verdictFor(choiceOf(input), assignment.targetSide) };
    await tx.judgment.create({
      data: {
        assignmentId: assignment.id,
        studyId: assignment.studyId,
        pairId: assignment.pairId,
        raterId,
        ...answer,
        targetSide: assignment.targetSide,
        rationale,
        goldCorrect: assignment.goldVerdict === null || !("verdict" in answer) ? null : assignment.goldVerdict === answer.verdict,
        timeOnTaskMs: Math.max(0, assignment.elapsedMs),
      },
    });
    await tx.assignment.update({ where: { id: assignment.id }, data: { status: "done" } });
    return "recorded";
  });
}
