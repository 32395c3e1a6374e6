// The gate of a rater's first-step writes (consent, a training answer): the study named in the
// address is open, the rater is let in and was not stopped, read in the transaction that writes,
// under a lock of the rater's own in the study so that two tabs take turns.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { stepRow } from "@/lib/rater-steps/step";
import { viaPrisma } from "@/lib/sql";

export async function lockRaterSteps(tx: Prisma.TransactionClient, raterId: string, slug: string) {
  const [study] = await tx.$queryRaw<{ id: string; offerBothBad: boolean }[]>`SELECT id, "offerBothBad" FROM "Study" WHERE slug = ${slug} FOR KEY SHARE`;
  if (!study) throw new AppError("not_found", `No open study "${slug}".`);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('steps:' || ${study.id} || ':' || ${raterId}))`;
  const row = await stepRow(viaPrisma(tx), study.id, raterId);
  if (!row.letIn) throw new AppError("not_found", `No open study "${slug}".`);
  if (!row.open) throw new AppError("conflict", "This study is not open now, so nothing was recorded. Please come back later.");
  if (row.stopReason !== null) throw new AppError("gone", "This study cannot take more answers from you, so nothing was recorded.");
  return { study, row };
}
