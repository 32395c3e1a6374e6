"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth";
import { excludeRater, includeRater } from "@/lib/results/rater-exclusion";
import { requireStudy } from "@/lib/studies/find-study";

const exclusionSchema = z.object({
  slug: z.string().min(1),
  rater: z.string().regex(/^rater-[0-9a-f]{10}$/),
  exclude: z.enum(["yes", "no"]),
  reason: z.string().trim().max(500).optional(),
});

/** Excludes a rater from the study's results, or lets them back in; the page then counts anew. */
export async function setRaterExcludedAction(form: FormData): Promise<void> {
  const researcher = await requireRole("researcher", "admin");
  const { slug, rater, exclude, reason } = exclusionSchema.parse(Object.fromEntries(form));
  const study = await requireStudy(slug);
  if (exclude === "yes") await excludeRater(study.id, rater, researcher.id, reason || null);
  else await includeRater(study.id, rater);
  revalidatePath(`/studies/${slug}`);
}
