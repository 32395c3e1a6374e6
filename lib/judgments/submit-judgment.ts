// Records a rater's verdict on their assignment. Idempotent: a double click, a retry or a second
// tab yields one judgment, and the later calls are told it was already recorded.
import "server-only";
import { pairIsFull } from "@/lib/assign/next-assignment";
import { lockOwnAssignment } from "@/lib/assign/lock-own-assignment";
import { verdictFor } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
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

function scoreOf(input: JudgmentInput) {
  if (input.score === undefined) throw new AppError("invalid", "This answer asks for a helpfulness score from 1 to 6.");
  return input.score;
}

export async function submitJudgment(raterId: string, input: JudgmentInput): Promise<SubmitOutcome> {
  return db().$transaction(async (tx) => {
    const assignment = await lockOwnAssignment(tx, raterId, input.assignmentId);
    if (assignment.status === "done") return "already_recorded";

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
