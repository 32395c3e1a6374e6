// Raters of every kind for tests about who they are: a crowd participant as a crowd link makes
// one (a made-up address under .invalid, no password, let into its study), and judgments written
// straight in for any rater, so that a test needs neither the crowd link's steps nor the engine.
import { randomBytes } from "node:crypto";
import type { Side } from "@/lib/assign/policy";
import { db } from "@/lib/db";
import type { CrowdPlatform, Label } from "@/lib/generated/prisma/enums";

export async function makeParticipant(studyId: string, platform: CrowdPlatform, participantId: string) {
  const email = `participant-${randomBytes(8).toString("hex")}@participants.invalid`;
  const user = await db().user.create({
    data: { email, role: "rater", passwordHash: "!", participantOfStudyId: studyId, participantPlatform: platform, participantId, participantSessionRef: `session-of-${participantId}` },
    select: { id: true, email: true },
  });
  await db().studyRater.create({ data: { studyId, raterId: user.id } });
  return { ...user, participantId, platform };
}

/** One judgment of `raterId` on the pair: a verdict in the target's terms, or an answer's label. */
export async function recordJudgment(studyId: string, pairId: string, raterId: string, answer: { verdict: "win" | "tie" | "loss" } | { label: Label }, timeOnTaskMs = 30_000) {
  const targetSide: Side = "left";
  const assignment = await db().assignment.create({ data: { pairId, raterId, targetSide, status: "done", leaseExpiresAt: new Date() }, select: { id: true } });
  const pairwise = "verdict" in answer ? { verdict: answer.verdict, choice: answer.verdict === "tie" ? ("neither" as const) : answer.verdict === "win" ? ("left" as const) : ("right" as const) } : { label: answer.label };
  return db().judgment.create({ data: { studyId, pairId, raterId, assignmentId: assignment.id, targetSide, timeOnTaskMs, ...pairwise }, select: { id: true, assignmentId: true } });
}
