// A study's first steps for raters and its attention checks, as its settings page reads and
// saves them; each change goes to the history. Training and attention checks draw on gold pairs,
// which only studies comparing two answers have.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { KindName } from "@/lib/kinds";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import type { RaterSteps } from "@/lib/validation/rater-steps";

const NEEDS_GOLD = "needs gold pairs, which only a study whose raters compare two answers has";

export async function raterStepsOf(studyId: string) {
  const [study, goldPairs] = await Promise.all([
    db().study.findUniqueOrThrow({ where: { id: studyId }, select: { consentText: true, trainingItems: true, attentionAfter: true, attentionMinAccuracy: true } }),
    db().pair.count({ where: { studyId, goldVerdict: { not: null }, active: true, removedAt: null } }),
  ]);
  return { ...study, goldPairs };
}

const percentOf = (share: number | null) => (share === null ? "none" : `${Math.round(share * 1000) / 10}%`);

/** Saves the steps, or returns what is wrong by field (nothing saved). */
export async function updateRaterSteps(studyId: string, steps: RaterSteps, actorId: string): Promise<Partial<Record<keyof RaterSteps | "attentionMinPercent", string>>> {
  return db().$transaction(async (tx) => {
    const [study] = await tx.$queryRaw<{ status: string; kind: KindName; consentText: string; trainingItems: number; attentionAfter: number | null; attentionMinAccuracy: number | null }[]>`
      SELECT status, kind::text, "consentText", "trainingItems", "attentionAfter", "attentionMinAccuracy" FROM "Study" WHERE id = ${studyId} FOR UPDATE`;
    if (study.status === "closed") throw new AppError("conflict", "This study is closed: its settings and results are final.");
    if (!comparesTwoAnswers(study.kind)) {
      if (steps.trainingItems > 0) return { trainingItems: `A training round ${NEEDS_GOLD}.` };
      if (steps.attentionAfter !== null) return { attentionAfter: `Attention checks ${NEEDS_GOLD}.` };
    }
    const changes = [
      study.consentText !== steps.consentText && { what: "consent page", before: study.consentText ? "on" : "off", after: !steps.consentText ? "off" : study.consentText ? "edited" : "on" },
      study.trainingItems !== steps.trainingItems && { what: "training pairs", before: String(study.trainingItems), after: String(steps.trainingItems) },
      (study.attentionAfter !== steps.attentionAfter || study.attentionMinAccuracy !== steps.attentionMinAccuracy) && {
        what: "attention checks",
        before: study.attentionAfter === null ? "none" : `${percentOf(study.attentionMinAccuracy)} after ${study.attentionAfter} gold pairs`,
        after: steps.attentionAfter === null ? "none" : `${percentOf(steps.attentionMinAccuracy)} after ${steps.attentionAfter} gold pairs`,
      },
    ].filter((change) => change !== false);
    if (changes.length === 0) return {};
    await tx.study.update({ where: { id: studyId }, data: steps });
    await tx.studyEvent.createMany({ data: changes.map((change) => ({ studyId, actorId, ...change })) });
    return {};
  });
}
