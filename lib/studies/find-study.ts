import "server-only";
import { db } from "@/lib/db";

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

/** Studies raters may work on, by the names raters may see. */
export function listOpenStudies() {
  return db().study.findMany({
    where: { status: "open" },
    orderBy: { createdAt: "desc" },
    select: { slug: true, raterTitle: true },
  });
}
