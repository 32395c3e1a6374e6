// A study's crowd link (Prolific style): one link for every participant of a crowd platform,
// carrying the participant's platform ids. The first visit gives a participant a rater identity
// of their own, with no password, that may judge this study only; later visits with the same id
// are the same rater. Once done, they are shown the completion code, and sent back to the
// platform if the researcher gave its address.
//
// Anyone holding the link can claim any participant id, as with the platforms' own study links:
// the ids are the platform's to check when it matches completion codes to submissions.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StudyStatus } from "@/lib/generated/prisma/enums";
import type { CrowdLinkSettings, ParticipantIds } from "@/lib/validation/crowd-link";

/** The query a platform is told to append: its own placeholders, which it fills per participant. */
export const PROLIFIC_QUERY = "PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";

export async function crowdLinkOf(studyId: string) {
  return db().study.findUniqueOrThrow({
    where: { id: studyId },
    select: { crowdToken: true, completionCode: true, completionUrl: true, exportParticipantIds: true },
  });
}

const onOff = (value: boolean) => (value ? "on" : "off");

/** Turns the link on (a new secret, if it had none) or off (old links stop working), and its settings; each change goes to the history. */
export async function updateCrowdLink(studyId: string, settings: CrowdLinkSettings, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.study.findUniqueOrThrow({
      where: { id: studyId },
      select: { status: true, crowdToken: true, completionCode: true, completionUrl: true, exportParticipantIds: true },
    });
    if (before.status === "closed") throw new AppError("conflict", "This study is closed: its crowd link can no longer change.");
    const after = {
      crowdToken: settings.enabled ? (before.crowdToken ?? randomBytes(18).toString("base64url")) : null,
      completionCode: settings.completionCode,
      completionUrl: settings.completionUrl,
      exportParticipantIds: settings.exportParticipantIds,
    };
    await tx.study.update({ where: { id: studyId }, data: after });
    const changes: { what: string; before: string; after: string }[] = [];
    if ((before.crowdToken !== null) !== settings.enabled) changes.push({ what: "crowd link", before: onOff(before.crowdToken !== null), after: onOff(settings.enabled) });
    if (before.completionCode !== after.completionCode) changes.push({ what: "completion code", before: before.completionCode ?? "none", after: after.completionCode ?? "none" });
    if (before.completionUrl !== after.completionUrl) changes.push({ what: "completion address", before: before.completionUrl ?? "none", after: after.completionUrl ?? "none" });
    if (before.exportParticipantIds !== after.exportParticipantIds) {
      changes.push({ what: "participant ids in exports", before: onOff(before.exportParticipantIds), after: onOff(after.exportParticipantIds) });
    }
    if (changes.length) await tx.studyEvent.createMany({ data: changes.map((change) => ({ studyId, actorId, ...change })) });
  });
}

export interface CrowdLinkView {
  study: { slug: string; raterTitle: string; status: StudyStatus };
  refusal: string | null;
}

/** What the link's page shows; null for a link that is not (or no longer) a study's. */
export async function viewCrowdLink(token: string): Promise<CrowdLinkView | null> {
  const study = await db().study.findUnique({ where: { crowdToken: token }, select: { slug: true, raterTitle: true, status: true } });
  if (!study) return null;
  return {
    study: { ...study, raterTitle: study.raterTitle || "A rating study" },
    refusal: study.status === "open" ? null : "This study is not taking participants now. Please return the study on your platform.",
  };
}

/**
 * The participant's rater identity in the link's study: made on their first visit, the same one
 * on every later visit (their latest session id is kept). Refused, with the reason, for an unknown
 * link, a study not open, or a participant whose account was disabled.
 */
export async function enterThroughCrowdLink(token: string, ids: ParticipantIds): Promise<{ id: string; email: string; name: string | null }> {
  const study = await db().study.findUnique({ where: { crowdToken: token }, select: { id: true, status: true } });
  if (!study) throw new AppError("not_found", "This study link is not valid: check that it was copied whole.");
  if (study.status !== "open") throw new AppError("gone", "This study is not taking participants now. Please return the study on your platform.");
  const key = { participantOfStudyId: study.id, participantId: ids.PROLIFIC_PID };
  const visit = { participantStudyRef: ids.STUDY_ID ?? null, participantSessionRef: ids.SESSION_ID ?? null };
  const select = { id: true, email: true, name: true, disabledAt: true } as const;
  const participant = await db()
    .$transaction(async (tx) => {
      const found = await tx.user.findUnique({ where: { participantOfStudyId_participantId: key }, select });
      if (found) return tx.user.update({ where: { id: found.id }, data: visit, select });
      const made = await tx.user.create({
        // A participant signs in only through the link: no password (no bcrypt hash matches "!"),
        // and an address under .invalid, which no mail can reach.
        data: { ...key, ...visit, email: `participant-${randomBytes(8).toString("hex")}@participants.invalid`, role: "rater", passwordHash: "!" },
        select,
      });
      await tx.studyRater.create({ data: { studyId: study.id, raterId: made.id } });
      return made;
    })
    .catch(async (error) => {
      // Two first visits at once: the other made the identity; it is this participant's too.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        return db().user.findUniqueOrThrow({ where: { participantOfStudyId_participantId: key }, select });
      }
      throw error;
    });
  if (participant.disabledAt) throw new AppError("forbidden", "This participant's account was disabled by the study's researchers.");
  return { id: participant.id, email: participant.email, name: participant.name };
}
