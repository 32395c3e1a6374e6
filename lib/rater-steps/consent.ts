// A rater's agreement to the study's consent page, recorded once before their first item.
import "server-only";
import { db } from "@/lib/db";
import { lockRaterSteps } from "@/lib/rater-steps/gate";

export async function giveConsent(raterId: string, slug: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { study } = await lockRaterSteps(tx, raterId, slug);
    await tx.consent.upsert({ where: { studyId_raterId: { studyId: study.id, raterId } }, create: { studyId: study.id, raterId }, update: {} });
  });
}
