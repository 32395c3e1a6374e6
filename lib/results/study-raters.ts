import "server-only";
import { readDb } from "@/lib/db";
import { raterPseudonym } from "@/lib/results/rater-pseudonym";

/** Every rater who judged in the study, by pseudonym: the results filter's choices. */
export async function raterPseudonyms(studyId: string): Promise<string[]> {
  const rows = await readDb().$queryRaw<{ rater: string }[]>`
    SELECT ${raterPseudonym(studyId)} AS rater
      FROM (SELECT DISTINCT j."raterId" FROM "Judgment" j WHERE j."studyId" = ${studyId}) j
     ORDER BY 1`;
  return rows.map((row) => row.rater);
}

/** The study's target system's name, as results and figures label it. */
export async function targetSystemName(studyId: string): Promise<string> {
  const target = await readDb().system.findFirst({ where: { targetOf: { id: studyId } }, select: { name: true } });
  return target?.name ?? "Target";
}
