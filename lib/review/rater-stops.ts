// The raters a study's attention checks stopped, for its review page: who (by pseudonym), why,
// when, and whether a researcher has let them back.
import "server-only";
import { db } from "@/lib/db";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";

export interface RaterStopRow {
  rater: string;
  reason: string;
  stoppedAt: Date;
  liftedAt: Date | null;
  excluded: boolean;
}

export async function raterStops(studyId: string): Promise<RaterStopRow[]> {
  // The pseudonym's SQL reads the rater's id from `j`: here the stop.
  return db().$queryRaw<RaterStopRow[]>`
    SELECT ${raterPseudonym(studyId)} AS rater, j.reason, j."createdAt" AS "stoppedAt", j."liftedAt",
           EXISTS (SELECT 1 FROM "RaterExclusion" x WHERE x."studyId" = j."studyId" AND x."raterId" = j."raterId") AS excluded
      FROM "RaterStop" j WHERE j."studyId" = ${studyId}
     ORDER BY j."createdAt" DESC`;
}
