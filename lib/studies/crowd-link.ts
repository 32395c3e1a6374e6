// A study's crowd link: one link for every participant of a crowd platform, carrying the
// participant's platform ids (Prolific's, or MTurk's in an ExternalQuestion, lib/crowd/mturk.ts). The first visit gives a participant a rater identity
// of their own, with no password, that may judge this study only; later visits with the same id
// are the same rater. Once done, they are shown the completion code, and sent back to the
// platform if the researcher gave its address.
//
// Anyone holding the link can claim any participant id, as with the platforms' own study links:
// the ids are the platform's to check when it matches completion codes to submissions. What keeps
// one person from minting identities to fill the study is a cap on participants (the number the
// platform was asked for) and a throttle on new identities per client address, both checked in
// the transaction that makes the identity, and each refusal counted for the settings page.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StudyStatus } from "@/lib/generated/prisma/enums";
import { addressKey, countAttempt, minutesRefused } from "@/lib/users/throttle";
import type { CrowdLinkSettings, Visit } from "@/lib/validation/crowd-link";

/** The query a platform is told to append: its own placeholders, which it fills per participant. */
export const PROLIFIC_QUERY = "PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";

export async function crowdLinkOf(studyId: string) {
  return db().study.findUniqueOrThrow({
    where: { id: studyId },
    select: { crowdToken: true, completionCode: true, completionUrl: true, noWorkCode: true, screenOutCode: true, crowdCap: true, crowdQuota: true, exportParticipantIds: true },
  });
}

/** How a participant's visit ends: their platform, and for MTurk the origin and assignment their HIT posts back with. */
export async function participantEnd(raterId: string) {
  const user = await db().user.findUniqueOrThrow({ where: { id: raterId }, select: { participantPlatform: true, participantSubmitTo: true, participantSessionRef: true } });
  return user.participantPlatform === "mturk" && user.participantSubmitTo && user.participantSessionRef
    ? { platform: "mturk" as const, submitTo: user.participantSubmitTo, assignmentId: user.participantSessionRef }
    : { platform: "prolific" as const };
}

/** For the settings page: participants so far, and the new identities each limit turned away. */
export async function crowdEntryCounts(studyId: string) {
  const [row] = await db().$queryRaw<{ participants: number; overCap: number; throttled: number }[]>`
    SELECT (SELECT count(*)::int FROM "User" WHERE "participantOfStudyId" = ${studyId}) AS participants,
           count(*) FILTER (WHERE outcome = 'over_cap')::int AS "overCap",
           count(*) FILTER (WHERE outcome = 'throttled')::int AS throttled
      FROM "CrowdEntry" WHERE "studyId" = ${studyId}`;
  return row;
}

const onOff = (value: boolean) => (value ? "on" : "off");

/** Turns the link on (a new secret, if it had none) or off (old links stop working), and its settings; each change goes to the history. */
export async function updateCrowdLink(studyId: string, settings: CrowdLinkSettings, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.study.findUniqueOrThrow({
      where: { id: studyId },
      select: { status: true, crowdToken: true, completionCode: true, completionUrl: true, noWorkCode: true, screenOutCode: true, crowdCap: true, crowdQuota: true, exportParticipantIds: true },
    });
    if (before.status === "closed") throw new AppError("conflict", "This study is closed: its crowd link can no longer change.");
    const after = {
      crowdToken: settings.enabled ? (before.crowdToken ?? randomBytes(18).toString("base64url")) : null,
      completionCode: settings.completionCode,
      completionUrl: settings.completionUrl,
      noWorkCode: settings.noWorkCode,
      screenOutCode: settings.screenOutCode,
      crowdCap: settings.crowdCap,
      crowdQuota: settings.crowdQuota,
      exportParticipantIds: settings.exportParticipantIds,
    };
    await tx.study.update({ where: { id: studyId }, data: after });
    const changes: { what: string; before: string; after: string }[] = [];
    if ((before.crowdToken !== null) !== settings.enabled) changes.push({ what: "crowd link", before: onOff(before.crowdToken !== null), after: onOff(settings.enabled) });
    if (before.completionCode !== after.completionCode) changes.push({ what: "completion code", before: before.completionCode ?? "none", after: after.completionCode ?? "none" });
    if (before.completionUrl !== after.completionUrl) changes.push({ what: "completion address", before: before.completionUrl ?? "none", after: after.completionUrl ?? "none" });
    if (before.noWorkCode !== after.noWorkCode) changes.push({ what: "no-work code", before: before.noWorkCode ?? "none", after: after.noWorkCode ?? "none" });
    if (before.screenOutCode !== after.screenOutCode) changes.push({ what: "screen-out code", before: before.screenOutCode ?? "none", after: after.screenOutCode ?? "none" });
    if (before.crowdCap !== after.crowdCap) changes.push({ what: "participant cap", before: String(before.crowdCap ?? "none"), after: String(after.crowdCap ?? "none") });
    if (before.crowdQuota !== after.crowdQuota) {
      changes.push({ what: "quota per participant", before: String(before.crowdQuota ?? "the raters'"), after: String(after.crowdQuota ?? "the raters'") });
    }
    if (before.exportParticipantIds !== after.exportParticipantIds) {
      changes.push({ what: "participant ids in exports", before: onOff(before.exportParticipantIds), after: onOff(after.exportParticipantIds) });
    }
    if (changes.length) await tx.studyEvent.createMany({ data: changes.map((change) => ({ studyId, actorId, ...change })) });
  });
}

export interface CrowdLinkView {
  study: { id: string; slug: string; raterTitle: string; status: StudyStatus };
  refusal: string | null;
}

/**
 * What the link's page shows; null for a link that is not (or no longer) a study's. A new
 * participant is told at once when the study has all its participants (the entry checks it again).
 */
export async function viewCrowdLink(token: string, visit?: Pick<Visit, "platform" | "participantId" | "sessionRef">): Promise<CrowdLinkView | null> {
  const study = await db().study.findUnique({
    where: { crowdToken: token },
    select: { id: true, slug: true, raterTitle: true, status: true, crowdCap: true, _count: { select: { participants: true } } },
  });
  if (!study) return null;
  const known = visit
    ? await db().user.findUnique({ where: { participantOfStudyId_participantId: { participantOfStudyId: study.id, participantId: visit.participantId } }, select: PARTICIPANT_VISIT })
    : null;
  const full = study.crowdCap !== null && study._count.participants >= study.crowdCap && !known;
  return {
    study: { id: study.id, slug: study.slug, raterTitle: study.raterTitle || "A rating study", status: study.status },
    refusal:
      study.status !== "open"
        ? "This study is not taking participants now. Please return the study on your platform."
        : full
          ? CROWD_FULL_MESSAGE
          : visit && known && otherHit(visit, known)
            ? ANOTHER_HIT_MESSAGE
            : null,
  };
}

/** A worker takes part once: through the MTurk assignment of their first visit. */
export const ANOTHER_HIT_MESSAGE = "You have taken part in this study through another HIT already, and may do so once. Please return this HIT.";

const PARTICIPANT_VISIT = { participantPlatform: true, participantSessionRef: true } as const;

/** Whether an MTurk visit comes with another assignment than the one the worker took part through. */
const otherHit = (visit: Pick<Visit, "platform" | "sessionRef">, known: { participantPlatform: string | null; participantSessionRef: string | null }) =>
  visit.platform === "mturk" && known.participantPlatform === "mturk" && known.participantSessionRef !== null && known.participantSessionRef !== visit.sessionRef;

export const CROWD_FULL_MESSAGE = "This study has all the participants it asked for, so it cannot take you. Please return the study on your platform.";
export const crowdThrottledMessage = (minutes: number) =>
  `Too many new participants came from your network in the last ${minutes} minutes, so this study cannot take you now. Please return the study on your platform, or try again later.`;

type Participant = { id: string; email: string; name: string | null; disabledAt: Date | null; sessionVersion: number };
const PARTICIPANT = { id: true, email: true, name: true, disabledAt: true, sessionVersion: true } as const;

/**
 * A first visit's identity, or the refusal that was counted instead. Under the study's row lock,
 * so that concurrent first visits cannot pass the cap together, and the address's lock, so that
 * they cannot pass the throttle together.
 */
async function admitNewParticipant(studyId: string, key: { participantOfStudyId: string; participantId: string }, visit: object, address: string): Promise<Participant | "over_cap" | "throttled"> {
  const { CROWD_ENTRIES_PER_ADDRESS: perAddress, CROWD_ENTRY_WINDOW_MINUTES: minutes } = env();
  return db().$transaction(async (tx) => {
    const [study] = await tx.$queryRaw<{ crowdCap: number | null }[]>`SELECT "crowdCap" FROM "Study" WHERE id = ${studyId} FOR UPDATE`;
    // The same participant's first visit twice at once: the other one made the identity.
    const found = await tx.user.findUnique({ where: { participantOfStudyId_participantId: key }, select: PARTICIPANT });
    if (found) return tx.user.update({ where: { id: found.id }, data: visit, select: PARTICIPANT });
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crowd-entry:' || ${address}))`;
    const [counts] = await tx.$queryRaw<{ participants: number; recent: number }[]>`
      SELECT (SELECT count(*)::int FROM "User" WHERE "participantOfStudyId" = ${studyId}) AS participants,
             (SELECT count(*)::int FROM "CrowdEntry" WHERE address = ${address} AND outcome = 'admitted'
                 AND "createdAt" > now() - make_interval(mins => ${minutes})) AS recent`;
    const outcome = study.crowdCap !== null && counts.participants >= study.crowdCap ? "over_cap" : counts.recent >= perAddress ? "throttled" : "admitted";
    await tx.crowdEntry.create({ data: { studyId, address, outcome } });
    if (outcome !== "admitted") return outcome;
    const made = await tx.user.create({
      // A participant signs in only through the link: no password (no bcrypt hash matches "!"),
      // and an address under .invalid, which no mail can reach.
      data: { ...key, ...visit, email: `participant-${randomBytes(8).toString("hex")}@participants.invalid`, role: "rater", passwordHash: "!" },
      select: PARTICIPANT,
    });
    await tx.studyRater.create({ data: { studyId, raterId: made.id } });
    return made;
  });
}

/**
 * The participant's rater identity in the link's study: made on their first visit, the same one
 * on every later visit (their latest session id is kept). Refused, with the reason, for an unknown
 * link, a study not open, a study that has its participants, a client address that made too
 * many identities just now, or a participant whose account was disabled.
 */
export async function enterThroughCrowdLink(token: string, ids: Visit, address = "unknown"): Promise<{ id: string; email: string; name: string | null; sessionVersion: number }> {
  // A link that is not a study's counts against the client's address, as a failed sign-in does.
  const throttle = [addressKey(address)];
  const minutes = await minutesRefused(throttle);
  if (minutes > 0) throw new AppError("conflict", crowdThrottledMessage(minutes));
  const study = await db().study.findUnique({ where: { crowdToken: token }, select: { id: true, status: true } });
  if (!study) {
    await countAttempt(throttle);
    throw new AppError("not_found", "This study link is not valid: check that it was copied whole.");
  }
  if (study.status !== "open") throw new AppError("gone", "This study is not taking participants now. Please return the study on your platform.");
  const key = { participantOfStudyId: study.id, participantId: ids.participantId };
  const visit = { participantPlatform: ids.platform, participantStudyRef: ids.studyRef, participantSessionRef: ids.sessionRef, participantSubmitTo: ids.submitTo };
  const returning = await db().user.findUnique({ where: { participantOfStudyId_participantId: key }, select: { ...PARTICIPANT, ...PARTICIPANT_VISIT } });
  // The work, the code and the HIT's submission belong to the assignment the worker came with first.
  if (returning && otherHit(ids, returning)) throw new AppError("conflict", ANOTHER_HIT_MESSAGE);
  const participant = returning
    ? await db().user.update({ where: { id: returning.id }, data: visit, select: PARTICIPANT })
    : await admitNewParticipant(study.id, key, visit, address).catch(async (error) => {
        // Two first visits at once, past each other's check: the other made the identity.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          return db().user.findUniqueOrThrow({ where: { participantOfStudyId_participantId: key }, select: PARTICIPANT });
        }
        throw error;
      });
  if (participant === "over_cap") throw new AppError("conflict", CROWD_FULL_MESSAGE);
  if (participant === "throttled") throw new AppError("conflict", crowdThrottledMessage(env().CROWD_ENTRY_WINDOW_MINUTES));
  if (participant.disabledAt) throw new AppError("forbidden", "This participant's account was disabled by the study's researchers.");
  return { id: participant.id, email: participant.email, name: participant.name, sessionVersion: participant.sessionVersion };
}
