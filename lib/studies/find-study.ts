import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export function findStudy(slug: string) {
  return db().study.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      raterTitle: true,
      description: true,
      instructions: true,
      status: true,
      judgmentsPerPair: true,
      rationaleMode: true,
    },
  });
}

/** Studies with their size, for the researchers' list. */
export function listStudies() {
  return db().study.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      slug: true,
      title: true,
      status: true,
      targetSystem: { select: { name: true } },
      _count: { select: { prompts: true, pairs: true } },
    },
  });
}

/** Studies raters may work on, by the names raters may see. */
export function listOpenStudies() {
  return db().study.findMany({
    where: { status: "open" },
    orderBy: { createdAt: "desc" },
    select: { slug: true, raterTitle: true },
  });
}

/** For route handlers: the study, or a 404 with a message naming the slug (via withRole). */
export async function requireStudy(slug: string) {
  const study = await findStudy(slug);
  if (!study) throw new AppError("not_found", `No study with the slug "${slug}".`);
  return study;
}
