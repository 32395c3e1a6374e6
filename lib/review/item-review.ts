// A researcher's decision on a reported item: keep it (reviewed, it stays in the study), take it
// out of the study, or put a removed one back. A removed item is handed out to no rater (the
// engine's candidate query) and counted in no figure (countedPairs), while its judgments stay in
// the data, marked in the downloads. Each decision is written to the study's history.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { StudyStatus } from "@/lib/generated/prisma/enums";
import { KINDS, type KindName } from "@/lib/kinds";
import type { ItemDecision } from "@/lib/validation/review";

const EVENTS: Record<ItemDecision, string> = { keep: "item kept", remove: "item removed", restore: "item put back" };

/** The item as the history names it: its kind's word, its id, its prompt and systems. */
const named = (item: { kind: KindName; id: string; prompt: string; target: string; baseline: string | null }) =>
  `${KINDS[item.kind].item.one} ${item.id} (prompt ${item.prompt}: ${item.baseline ? `${item.target} vs ${item.baseline}` : item.target})`;

/**
 * Applies the decision under a lock on the item, so two researchers' clicks apply one after the
 * other; one that changes nothing (removing a removed item, putting back one that is in) writes
 * nothing. A closed study's results are final: its items may be kept, not removed or put back.
 */
export async function reviewItem(studyId: string, pairId: string, decision: ItemDecision, actorId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const [item] = await tx.$queryRaw<{ id: string; removed: boolean; status: StudyStatus; kind: KindName; prompt: string; target: string; baseline: string | null }[]>`
      SELECT p.id, p."removedAt" IS NOT NULL AS removed, s.status, s.kind::text AS kind, pr."externalId" AS prompt, ts.name AS target, bs.name AS baseline
        FROM "Pair" p
        JOIN "Study" s ON s.id = p."studyId"
        JOIN "Prompt" pr ON pr.id = p."promptId"
        JOIN "System" ts ON ts.id = p."targetSystemId"
        LEFT JOIN "System" bs ON bs.id = p."baselineSystemId"
       WHERE p.id = ${pairId} AND p."studyId" = ${studyId}
         FOR UPDATE OF p FOR SHARE OF s`;
    if (!item) throw new AppError("not_found", "That item is not in this study.");
    if (decision === "keep" && item.removed) throw new AppError("conflict", "This item was removed meanwhile: put it back to keep it in the study.");
    if (decision === "remove" && item.removed) return;
    if (decision === "restore" && !item.removed) return;
    if (decision !== "keep" && item.status === "closed") {
      throw new AppError("conflict", "This study is closed: its results are final, so no item can be removed or put back.");
    }
    await tx.$executeRaw`
      UPDATE "Pair"
         SET "reviewedAt" = now(), "reviewedById" = ${actorId},
             "removedAt" = CASE WHEN ${decision} = 'remove' THEN now() END
       WHERE id = ${pairId}`;
    await tx.studyEvent.create({ data: { studyId, actorId, what: EVENTS[decision], after: named(item) } });
  });
}
