import "server-only";
import { db } from "@/lib/db";

/** The study's history, newest first: who changed what, when. */
export async function studyEvents(studyId: string, limit = 50) {
  const events = await db().studyEvent.findMany({
    where: { studyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, what: true, before: true, after: true, createdAt: true, actor: { select: { email: true } } },
  });
  return events.map(({ actor, ...event }) => ({ ...event, actor: actor?.email ?? null }));
}
