// The training round: before their first item a rater answers a few of the study's gold pairs and
// is told after each whether they matched its known answer. Training answers are not judgments,
// so no figure counts them, and the engine does not give the rater those pairs again. Items come
// in one fixed order (the pairs' shuffle keys); the target's side is drawn per rater and pair.
import "server-only";
import { createHash } from "node:crypto";
import type { PairOnScreen } from "@/lib/assign/next-assignment";
import { verdictFor, type Choice, type Side, type Verdict } from "@/lib/assign/policy";
import { TRAINING_PAIRS } from "@/lib/assign/statements";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockRaterSteps } from "@/lib/rater-steps/gate";
import { itemOnScreen } from "@/lib/studies/preview-item";
import { viaPrisma, type Sql } from "@/lib/sql";

export interface TrainingFeedback {
  correct: boolean;
  /** The choice that matched the known answer, as shown (A left, B right), and the rater's. */
  expected: Choice;
  chosen: Choice;
}

const digest = (raterId: string, pairId: string) => createHash("sha256").update(`${raterId}:${pairId}`).digest();

/** The target's side for this rater on this pair: the same on every visit, and unrelated across raters and pairs. */
function sideFor(raterId: string, pairId: string): Side {
  return digest(raterId, pairId)[0] % 2 === 0 ? "left" : "right";
}

/** What the page sends back to name the item it showed: the rater's own digest of the pair, which gives its id away to no one. */
const referenceTo = (raterId: string, pairId: string) => digest(raterId, pairId).subarray(1, 13).toString("base64url");

async function nextTrainingPair(sql: Sql, studyId: string, raterId: string) {
  const [pair] = await sql.query<{ id: string; goldVerdict: Verdict }>(
    `SELECT q.id, q."goldVerdict" FROM "Pair" q
      WHERE q.id IN (SELECT tp.id FROM "Study" s, LATERAL (${TRAINING_PAIRS("$2")}) tp WHERE s.id = $1)
      ORDER BY q."shuffleKey", q.id LIMIT 1`,
    [studyId, raterId],
  );
  return pair;
}

/** The rater's next training item as shown (its screen called by its number, from 1) and the reference its answer names it by; null when none is left. */
export async function trainingItem(studyId: string, raterId: string, answered: number): Promise<{ item: PairOnScreen; reference: string } | null> {
  const pair = await nextTrainingPair(viaPrisma(db()), studyId, raterId);
  if (!pair) return null;
  return { item: await itemOnScreen(pair.id, sideFor(raterId, pair.id), `training-${answered + 1}`), reference: referenceTo(raterId, pair.id) };
}

/** The choice that matches a gold verdict with the target on `side`. */
function expectedChoice(verdict: Verdict, side: Side): Choice {
  if (verdict === "tie") return "neither";
  const other: Side = side === "left" ? "right" : "left";
  return verdict === "win" ? side : other;
}

/**
 * Records the answer to training item `position` (the rater's next one) and says whether it was
 * right. An answer to an item already answered (a second tab, a double click) records nothing
 * and is refused, so that the page shows the item now due.
 */
export async function answerTraining(raterId: string, slug: string, answer: { position: number; reference: string; choice: Choice }): Promise<TrainingFeedback> {
  const { position, reference, choice: chosen } = answer;
  return db().$transaction(async (tx: Prisma.TransactionClient) => {
    const { study, row } = await lockRaterSteps(tx, raterId, slug);
    if (!row.consented) throw new AppError("conflict", "Please agree to the study's consent page first.");
    if (row.trained || position !== row.answered + 1) throw new AppError("conflict", "That training item was answered already. Here is where you are now.");
    if (chosen === "both_bad" && !study.offerBothBad) throw new AppError("invalid", "This study does not offer \"Both are bad\": choose A, B or neither.");
    const pair = await nextTrainingPair(viaPrisma(tx), study.id, raterId);
    if (!pair) throw new AppError("conflict", "No training item is left for you. Here is where you are now.");
    // The practice pairs may have changed since the page was drawn: the answer counts only for the pair it saw.
    if (referenceTo(raterId, pair.id) !== reference) throw new AppError("conflict", "The practice pairs changed since this one was shown. Here is the one due now.");
    const targetSide = sideFor(raterId, pair.id);
    const correct = verdictFor(chosen, targetSide) === pair.goldVerdict;
    await tx.trainingAnswer.create({ data: { studyId: study.id, raterId, pairId: pair.id, targetSide, choice: chosen, correct } });
    return { correct, expected: expectedChoice(pair.goldVerdict, targetSide), chosen };
  });
}
