import "server-only";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { findStudyFor } from "@/lib/studies/study-access";

/**
 * For a researcher's page of one study: the signed-in researcher or admin (anyone else is sent
 * away) and the study, or the 404 a study they may not open gives, so its existence is not told.
 */
export async function studyPageFor(slug: string) {
  const viewer = await requireRole("researcher", "admin");
  const study = (await findStudyFor(slug, viewer)) ?? notFound();
  return { viewer, study };
}
