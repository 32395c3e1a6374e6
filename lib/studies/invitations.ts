// Invitation links: a researcher makes them per study; whoever opens one signs up as a rater (or
// joins with the rater account they have) and is let into the study. Each use is counted under a
// lock on the invitation, so a link for one person lets in one person however many open it at once.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StudyStatus } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/users/passwords";
import { addressKey, countAttempt, emailKey, forgive } from "@/lib/users/throttle";
import type { InvitedSignUp, NewInvitation } from "@/lib/validation/invitation";

export type InvitationState = "usable" | "expired" | "used up" | "withdrawn";

interface InvitationLimits {
  maxUses: number | null;
  uses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export function invitationState(invitation: InvitationLimits, now = new Date()): InvitationState {
  if (invitation.revokedAt) return "withdrawn";
  if (invitation.expiresAt && invitation.expiresAt <= now) return "expired";
  if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return "used up";
  return "usable";
}

/** What a person opening the link is told when it no longer works. */
const REFUSALS: Record<Exclude<InvitationState, "usable">, string> = {
  expired: "This invitation has expired. Ask the researcher who sent it for a new one.",
  "used up": "This invitation has been used as many times as it allows. Ask the researcher who sent it for a new one.",
  withdrawn: "This invitation was withdrawn by the study's researchers.",
};

/** The limits in a few words, for the study's history. */
function describe(invitation: { label: string | null; maxUses: number | null; expiresAt: Date | null }): string {
  const uses = invitation.maxUses === null ? "no cap" : invitation.maxUses === 1 ? "one person" : `up to ${invitation.maxUses} people`;
  const expiry = invitation.expiresAt ? `until ${invitation.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "no expiry";
  return `${invitation.label ? `"${invitation.label}": ` : ""}${uses}, ${expiry}`;
}

export async function createInvitation(studyId: string, input: NewInvitation, actorId: string) {
  if (input.expiresOn && input.expiresOn <= new Date()) {
    throw new AppError("invalid", "The expiry date has passed: choose a later day, or none.");
  }
  const data = { label: input.label, maxUses: input.maxUses, expiresAt: input.expiresOn };
  return db().$transaction(async (tx) => {
    const invitation = await tx.invitation.create({ data: { studyId, token: randomBytes(24).toString("base64url"), createdById: actorId, ...data }, select: { id: true, token: true } });
    await tx.studyEvent.create({ data: { studyId, actorId, what: "invitation made", after: describe(data) } });
    return invitation;
  });
}

/** The study's invitations, newest first, with how many joined through each. */
export async function listInvitations(studyId: string) {
  const invitations = await db().invitation.findMany({
    where: { studyId },
    orderBy: { createdAt: "desc" },
    select: { id: true, token: true, label: true, maxUses: true, uses: true, expiresAt: true, revokedAt: true, createdAt: true },
  });
  const now = new Date();
  return invitations.map((invitation) => ({ ...invitation, state: invitationState(invitation, now) }));
}

export async function withdrawInvitation(studyId: string, invitationId: string, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, studyId }, select: { label: true, maxUses: true, expiresAt: true, revokedAt: true } });
    if (!invitation) throw new AppError("not_found", "That invitation is not one of this study's.");
    if (invitation.revokedAt) return;
    await tx.invitation.update({ where: { id: invitationId }, data: { revokedAt: new Date() } });
    await tx.studyEvent.create({ data: { studyId, actorId, what: "invitation withdrawn", before: describe(invitation) } });
  });
}

export interface InvitationView {
  state: InvitationState;
  refusal: string | null;
  study: { slug: string; raterTitle: string; status: StudyStatus };
}

/** What the link's page shows: the study by the name raters see, and whether the link works. Null for an unknown token. */
export async function viewInvitation(token: string): Promise<InvitationView | null> {
  const invitation = await db().invitation.findUnique({
    where: { token },
    select: { maxUses: true, uses: true, expiresAt: true, revokedAt: true, study: { select: { slug: true, raterTitle: true, title: true, status: true } } },
  });
  if (!invitation) return null;
  const state = invitation.study.status === "closed" ? "expired" : invitationState(invitation);
  const { slug, raterTitle, status } = invitation.study;
  return {
    state,
    refusal: invitation.study.status === "closed" ? "This study has closed: it takes no more raters." : state === "usable" ? null : REFUSALS[state],
    study: { slug, raterTitle: raterTitle || "A rating study", status },
  };
}

/** Where a rater goes once in: the study itself while it takes judgments, else their list of studies. */
export const landingFor = (study: { slug: string; status: StudyStatus }) => (study.status === "open" ? `/rate/${study.slug}` : "/rate");

type Joiner = { kind: "new"; account: InvitedSignUp } | { kind: "rater"; raterId: string };

/**
 * Lets someone into the invitation's study: a new rater account (name, email, password), or the
 * signed-in rater's own. A use is counted only when someone is let in; one already in is simply
 * sent on. Refused, with the reason, once the link has expired, is used up or was withdrawn, or
 * its study has closed; nothing is written then.
 */
export async function joinThroughInvitation(token: string, joiner: Joiner, address = "unknown"): Promise<{ landing: string }> {
  // The cheap checks first, each refusal counted against the client's address (and a new
  // account's email): the throttle, then the link itself. Only a link that works is worth a
  // password hash, which is made before the lock.
  const throttle = joiner.kind === "new" ? [addressKey(address), emailKey(joiner.account.email)] : [addressKey(address)];
  const minutes = await countAttempt(throttle);
  if (minutes > 0) throw new AppError("conflict", `Too many failed attempts from your network or for this email: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  const found = await db().invitation.findUnique({ where: { token }, select: { maxUses: true, uses: true, expiresAt: true, revokedAt: true, study: { select: { status: true } } } });
  if (!found) throw new AppError("not_found", "This invitation link is not valid: check that it was copied whole.");
  if (found.study.status === "closed") throw new AppError("gone", "This study has closed: it takes no more raters.");
  const state = invitationState(found);
  if (joiner.kind === "new" && state !== "usable") throw new AppError("gone", REFUSALS[state]);
  await forgive(throttle);
  const passwordHash = joiner.kind === "new" ? await hashPassword(joiner.account.password) : null;
  try {
    return await db().$transaction(async (tx) => {
      const [invitation] = await tx.$queryRaw<(InvitationLimits & { id: string; studyId: string })[]>`
        SELECT id, "studyId", "maxUses", uses, "expiresAt", "revokedAt" FROM "Invitation" WHERE token = ${token} FOR UPDATE`;
      if (!invitation) throw new AppError("not_found", "This invitation link is not valid: check that it was copied whole.");
      const study = await tx.study.findUniqueOrThrow({ where: { id: invitation.studyId }, select: { id: true, slug: true, status: true } });
      if (study.status === "closed") throw new AppError("gone", "This study has closed: it takes no more raters.");
      const state = invitationState(invitation);
      let raterId: string;
      let email: string;
      if (joiner.kind === "new") {
        if (state !== "usable") throw new AppError("gone", REFUSALS[state]);
        const { name, email: address } = joiner.account;
        raterId = (await tx.user.create({ data: { email: address, name, role: "rater", passwordHash: passwordHash! }, select: { id: true } })).id;
        email = address;
      } else {
        const rater = await tx.user.findUnique({ where: { id: joiner.raterId }, select: { role: true, email: true, disabledAt: true } });
        if (!rater || rater.role !== "rater" || rater.disabledAt) throw new AppError("forbidden", "Only rater accounts join studies through invitations.");
        const already = await tx.studyRater.findUnique({ where: { studyId_raterId: { studyId: study.id, raterId: joiner.raterId } }, select: { raterId: true } });
        if (already) return { landing: landingFor(study) };
        if (state !== "usable") throw new AppError("gone", REFUSALS[state]);
        raterId = joiner.raterId;
        email = rater.email;
      }
      await tx.studyRater.create({ data: { studyId: study.id, raterId, invitationId: invitation.id } });
      await tx.invitation.update({ where: { id: invitation.id }, data: { uses: { increment: 1 } } });
      await tx.studyEvent.create({ data: { studyId: study.id, actorId: raterId, what: "rater joined by invitation", after: email } });
      return { landing: landingFor(study) };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists: sign in with it, then open this link again to join.");
    }
    throw error;
  }
}
