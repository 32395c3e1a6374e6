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
