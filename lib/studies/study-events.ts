import "server-only";
import { db } from "@/lib/db";

// A crowd participant's address is made up and never shown; a history written before the events
// named participants by platform may still hold one.
const MADE_UP_ADDRESS = /participant-[0-9a-f]+@participants\.invalid/g;
const shown = (text: string | null) => text?.replace(MADE_UP_ADDRESS, "a crowd participant") ?? null;

/** The study's history, newest first: who changed what, when. */
export async function studyEvents(studyId: string, limit = 50) {
  const events = await db().studyEvent.findMany({
    where: { studyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, what: true, before: true, after: true, createdAt: true, actor: { select: { email: true } } },
  });
  return events.map(({ actor, before, after, ...event }) => ({ ...event, before: shown(before), after: shown(after), actor: shown(actor?.email ?? null) }));
}
