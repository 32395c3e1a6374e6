// Which studies a researcher may see and run: their own, those they were added to, and those
// made from the command line (no owner); an admin, every study. Anyone else gets "no such study",
// so a study's existence is not given away.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findStudy } from "@/lib/studies/find-study";

export interface Viewer {
  id: string;
  role: "admin" | "researcher" | "rater";
}

/** The studies `viewer` may open, as a Prisma filter. */
export function studiesOf(viewer: Viewer): Prisma.StudyWhereInput {
  if (viewer.role === "admin") return {};
  if (viewer.role !== "researcher") return { id: { in: [] } };
  return { OR: [{ createdById: viewer.id }, { createdById: null }, { collaborators: { some: { userId: viewer.id } } }] };
}

/** The study, if `viewer` may open it. */
export async function findStudyFor(slug: string, viewer: Viewer) {
  const study = await findStudy(slug);
  if (!study) return null;
  const allowed = await db().study.count({ where: { id: study.id, ...studiesOf(viewer) } });
  return allowed ? study : null;
}

/** For actions and route handlers: the study, or a 404 naming the slug. */
export async function requireStudyFor(slug: string, viewer: Viewer) {
  const study = await findStudyFor(slug, viewer);
  if (!study) throw new AppError("not_found", `No study with the slug "${slug}".`);
  return study;
}

/** The studies `viewer` may open, with their size, for the researchers' list. */
export function listStudies(viewer: Viewer) {
  return db().study.findMany({
    where: studiesOf(viewer),
    orderBy: { createdAt: "desc" },
    select: {
      slug: true,
      title: true,
      status: true,
      kind: true,
      simulated: true,
      targetSystem: { select: { name: true } },
      _count: { select: { prompts: true, pairs: true } },
    },
  });
}
