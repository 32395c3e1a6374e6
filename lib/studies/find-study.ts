import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isSlug } from "@/lib/validation/study";

/** What the app's pages read of a study. */
export const STUDY_FIELDS = {
  id: true,
  slug: true,
  title: true,
  raterTitle: true,
  description: true,
  instructions: true,
  status: true,
  kind: true,
  scaleMin: true,
  scaleMax: true,
  judgmentsPerPair: true,
  rationaleMode: true,
  offerBothBad: true,
  simulated: true,
} satisfies Prisma.StudySelect;

export async function findStudy(slug: string) {
  if (!isSlug(slug)) return null;
  return db().study.findUnique({ where: { slug }, select: STUDY_FIELDS });
}
